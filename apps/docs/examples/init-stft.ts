import { STFT } from '@init/core';

// 8-sample frames, an 8-point FFT: 5 bins. The real part of bin 1 is cos(−2π·t/8), Hann-windowed and
// scaled to unit energy ('density').
const real = new STFT({ window: 'hann', periodic: true }).apply([8, 1, 5], 'float64').data;
console.log(
  'bin 1, real:',
  Array.from({ length: 8 }, (_, t) => +real[t * 5 + 1]!.toFixed(6) + 0),
);
const imag = new STFT({ side: 'imag', window: null }).apply([8, 1, 5], 'float64').data;
console.log(
  'bin 2, imag, no window:',
  Array.from({ length: 8 }, (_, t) => +imag[t * 5 + 2]!.toFixed(6) + 0),
);
