// The window functions STFT can apply, by SciPy's names (`scipy.signal.get_window`, SciPy 1.10),
// written from their formulas: the ones `get_window` takes as a bare name (no parameters), with
// SciPy's default parameters where a window has some (tukey α = 0.5, exponential τ = 1, taylor
// nbar = 4, sll = 30, normalized). Checked against SciPy itself by STFT's fixture test.

/** The window names STFT takes, SciPy's spellings and aliases. */
export type WindowName =
  | 'barthann'
  | 'brthan'
  | 'bth'
  | 'bartlett'
  | 'bart'
  | 'brt'
  | 'blackman'
  | 'black'
  | 'blk'
  | 'blackmanharris'
  | 'blackharr'
  | 'bkh'
  | 'bohman'
  | 'bman'
  | 'bmn'
  | 'boxcar'
  | 'box'
  | 'ones'
  | 'rect'
  | 'rectangular'
  | 'cosine'
  | 'halfcosine'
  | 'exponential'
  | 'poisson'
  | 'flattop'
  | 'flat'
  | 'flt'
  | 'hamming'
  | 'hamm'
  | 'ham'
  | 'hann'
  | 'han'
  | 'lanczos'
  | 'sinc'
  | 'nuttall'
  | 'nutl'
  | 'nut'
  | 'parzen'
  | 'parz'
  | 'par'
  | 'taylor'
  | 'taylorwin'
  | 'triang'
  | 'triangle'
  | 'tri'
  | 'tukey'
  | 'tuk';

/** A window's formula on M points, symmetric (SciPy's `sym=True`); M ≥ 2. */
type Formula = (m: number) => Float64Array;

/** Σ_k a_k·cos(k·x) on M points x evenly spaced over [−π, π] (SciPy's general_cosine). */
function generalCosine(coefficients: readonly number[]): Formula {
  return (m) => {
    const w = new Float64Array(m);
    for (let n = 0; n < m; n++) {
      // np.linspace(-π, π, M): the last point is π exactly.
      const x = n === m - 1 ? Math.PI : -Math.PI + (n * (2 * Math.PI)) / (m - 1);
      let sum = 0;
      for (let k = 0; k < coefficients.length; k++) sum += (coefficients[k] as number) * Math.cos(k * x);
      w[n] = sum;
    }
    return w;
  };
}

function fromFunction(value: (n: number, m: number) => number): Formula {
  return (m) => {
    const w = new Float64Array(m);
    for (let n = 0; n < m; n++) w[n] = value(n, m);
    return w;
  };
}

/** np.sinc: sin(πx)/(πx), 1 at 0. */
function sinc(x: number): number {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}

const triang: Formula = (m) => {
  const w = new Float64Array(m);
  const half = Math.floor((m + 1) / 2);
  for (let i = 1; i <= half; i++) {
    const value = m % 2 === 0 ? (2 * i - 1) / m : (2 * i) / (m + 1);
    w[i - 1] = value;
    w[m - i] = value;
  }
  return w;
};

const parzen = fromFunction((index, m) => {
  const n = Math.abs(index - (m - 1) / 2);
  const ratio = n / (m / 2);
  // |n| ≤ (M − 1)/4: the inner cubic; beyond it the outer one (SciPy splits at the same points).
  return n <= (m - 1) / 4 ? 1 - 6 * ratio ** 2 + 6 * ratio ** 3 : 2 * (1 - ratio) ** 3;
});

const bohman = fromFunction((n, m) => {
  if (n === 0 || n === m - 1) return 0;
  const x = Math.abs(-1 + (2 * n) / (m - 1));
  return (1 - x) * Math.cos(Math.PI * x) + Math.sin(Math.PI * x) / Math.PI;
});

const bartlett = fromFunction((n, m) => (n <= (m - 1) / 2 ? (2 * n) / (m - 1) : 2 - (2 * n) / (m - 1)));

const barthann = fromFunction((n, m) => {
  const x = Math.abs(n / (m - 1) - 0.5);
  return 0.62 - 0.48 * x + 0.38 * Math.cos(2 * Math.PI * x);
});

const cosine = fromFunction((n, m) => Math.sin((Math.PI / m) * (n + 0.5)));

const exponential = fromFunction((n, m) => Math.exp(-Math.abs(n - (m - 1) / 2)));

const hann = generalCosine([0.5, 0.5]);

/** Tukey with α = 0.5: cosine tapers over the first and last α/2 of the window, 1 between. */
const tukey: Formula = (m) => {
  const alpha = 0.5;
  const width = Math.floor((alpha * (m - 1)) / 2);
  const w = new Float64Array(m);
  for (let n = 0; n < m; n++) {
    if (n <= width) w[n] = 0.5 * (1 + Math.cos(Math.PI * (-1 + (2 * n) / alpha / (m - 1))));
    else if (n < m - width - 1) w[n] = 1;
    else w[n] = 0.5 * (1 + Math.cos(Math.PI * (-2 / alpha + 1 + (2 * n) / alpha / (m - 1))));
  }
  return w;
};

/** Taylor with nbar = 4, sll = 30 dB, normalized to 1 at the centre (SciPy's defaults). */
const taylor: Formula = (m) => {
  const nbar = 4;
  const sll = 30;
  const b = 10 ** (sll / 20);
  const a = Math.acosh(b) / Math.PI;
  const s2 = nbar ** 2 / (a ** 2 + (nbar - 0.5) ** 2);
  const coefficients: number[] = [];
  for (let mi = 1; mi < nbar; mi++) {
    let numerator = mi % 2 === 1 ? 1 : -1;
    for (let j = 1; j < nbar; j++) numerator *= 1 - (mi * mi) / s2 / (a ** 2 + (j - 0.5) ** 2);
    let denominator = 2;
    for (let j = 1; j < nbar; j++) if (j !== mi) denominator *= 1 - (mi * mi) / (j * j);
    coefficients.push(numerator / denominator);
  }
  const at = (n: number): number => {
    let sum = 0;
    for (let mi = 1; mi < nbar; mi++)
      sum += (coefficients[mi - 1] as number) * Math.cos((2 * Math.PI * mi * (n - m / 2 + 0.5)) / m);
    return 1 + 2 * sum;
  };
  const scale = 1 / at((m - 1) / 2);
  const w = new Float64Array(m);
  for (let n = 0; n < m; n++) w[n] = at(n) * scale;
  return w;
};

/** Lanczos: sinc(2n/(M − 1) − 1), built from its right half and mirrored, as SciPy does. */
const lanczos: Formula = (m) => {
  const w = new Float64Array(m);
  const first = m % 2 === 0 ? m / 2 : (m + 1) / 2;
  for (let n = first; n < m; n++) {
    const value = sinc((2 * n) / (m - 1) - 1);
    w[n] = value;
    w[m - 1 - n] = value;
  }
  if (m % 2 === 1) w[(m - 1) / 2] = 1;
  return w;
};

const FORMULAS: Readonly<Record<string, Formula>> = {
  barthann,
  bartlett,
  blackman: generalCosine([0.42, 0.5, 0.08]),
  blackmanharris: generalCosine([0.35875, 0.48829, 0.14128, 0.01168]),
  bohman,
  boxcar: (m) => new Float64Array(m).fill(1),
  cosine,
  exponential,
  flattop: generalCosine([0.21557895, 0.41663158, 0.277263158, 0.083578947, 0.006947368]),
  hamming: generalCosine([0.54, 0.46]),
  hann,
  lanczos,
  nuttall: generalCosine([0.3635819, 0.4891775, 0.1365995, 0.0106411]),
  parzen,
  taylor,
  triang,
  tukey,
};

/** Every accepted name, and the window it means (SciPy's `_win_equiv`). */
const ALIASES: Readonly<Record<WindowName, string>> = {
  barthann: 'barthann',
  brthan: 'barthann',
  bth: 'barthann',
  bartlett: 'bartlett',
  bart: 'bartlett',
  brt: 'bartlett',
  blackman: 'blackman',
  black: 'blackman',
  blk: 'blackman',
  blackmanharris: 'blackmanharris',
  blackharr: 'blackmanharris',
  bkh: 'blackmanharris',
  bohman: 'bohman',
  bman: 'bohman',
  bmn: 'bohman',
  boxcar: 'boxcar',
  box: 'boxcar',
  ones: 'boxcar',
  rect: 'boxcar',
  rectangular: 'boxcar',
  cosine: 'cosine',
  halfcosine: 'cosine',
  exponential: 'exponential',
  poisson: 'exponential',
  flattop: 'flattop',
  flat: 'flattop',
  flt: 'flattop',
  hamming: 'hamming',
  hamm: 'hamming',
  ham: 'hamming',
  hann: 'hann',
  han: 'hann',
  lanczos: 'lanczos',
  sinc: 'lanczos',
  nuttall: 'nuttall',
  nutl: 'nuttall',
  nut: 'nuttall',
  parzen: 'parzen',
  parz: 'parzen',
  par: 'parzen',
  taylor: 'taylor',
  taylorwin: 'taylor',
  triang: 'triang',
  triangle: 'triang',
  tri: 'triang',
  tukey: 'tukey',
  tuk: 'tukey',
};

/** The accepted window names, in the order error messages list them. */
export const WINDOW_NAMES: readonly WindowName[] = Object.freeze(Object.keys(ALIASES) as WindowName[]);

/** The windows by their main names (one per window), for tables and tests. */
export const WINDOWS: readonly string[] = Object.freeze(Object.keys(FORMULAS));

/**
 * `scipy.signal.get_window(name, length, fftbins=periodic)`: the window on `length` points,
 * symmetric, or periodic (the first `length` points of the symmetric window on `length + 1`, for
 * DFT-even use). Lengths 0 and 1 give SciPy's `ones(length)`.
 */
export function windowValues(name: WindowName, length: number, periodic: boolean): Float64Array {
  if (length <= 1) return new Float64Array(length).fill(1);
  const formula = FORMULAS[ALIASES[name]] as Formula;
  return periodic ? formula(length + 1).subarray(0, length) : formula(length);
}
