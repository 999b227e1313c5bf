/**
 * The sampling kernels of the default engine, written once (STREAMS.md §2–§4 in code). From this file
 * scripts/generate-kernels.ts writes the JavaScript kernels (js-kernels.generated.ts) and
 * emit-wasm.ts assembles the WebAssembly SIMD kernels, which run four 256-element blocks in the four
 * lanes of each vector. Both backends perform the same 32-bit integer and IEEE double operations in
 * the same order, so they give the same bits; kernels.test.ts compares them.
 *
 * Each kernel draws attempts from one block's xoshiro128** generator (registers s0..s3) and stores
 * `value` for every attempt that nothing rejected. The rare paths (the ziggurat's tail and wedges,
 * the rounding test at a truncation bound) stay in JavaScript, in slow-paths.ts, for both backends.
 */

import {
  add,
  and,
  both,
  either,
  eq,
  float,
  floor,
  fsub,
  ge,
  geu,
  gt,
  gtu,
  imul,
  int,
  lt,
  mul,
  pow2,
  ref,
  rotl,
  shl,
  shru,
  signBy,
  sub,
  table,
  unsigned,
  xor,
} from './ir.js';
import type { Expression, KernelSource, Statement } from './ir.js';

/**
 * One xoshiro128** 1.1 step (Blackman & Vigna): the output `rotl(s1·5, 7)·9` into `word`, then the
 * state update `t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11)`.
 * The output is read from s1 before the update, as the reference C code does.
 */
export function xoshiroStep(word: string): Statement[] {
  const [s0, s1, s2, s3] = [ref('s0'), ref('s1'), ref('s2'), ref('s3')];
  return [
    { kind: 'let', name: 'multiplied', value: imul(s1, int(5)) },
    { kind: 'let', name: word, value: imul(rotl(ref('multiplied'), 7), int(9)) },
    { kind: 'let', name: 'shifted', value: shl(s1, 9) },
    { kind: 'let', name: 's2', value: xor(s2, s0) },
    { kind: 'let', name: 's3', value: xor(s3, s1) },
    { kind: 'let', name: 's1', value: xor(s1, s2) },
    { kind: 'let', name: 's0', value: xor(s0, s3) },
    { kind: 'let', name: 's2', value: xor(s2, ref('shifted')) },
    { kind: 'let', name: 's3', value: rotl(s3, 11) },
  ];
}

const TWO_POW_26 = 67108864;
const TWO_POW_32 = 4294967296;

/**
 * The ziggurat's candidate from one word (float32/float16/bfloat16): layer from bits 0–7, sign from
 * bit 8, a 23-bit magnitude from bits 9–31 (NumPy's float32 layout). `outside` is the rare case that
 * the magnitude lies beyond the layer's core rectangle (the tail in layer 0, else a wedge).
 *
 * `signed`: z carries the sign, magnitude·signedScale23[word & 511], the layer's scale negated when
 * bit 8 is set — the same bits as applying the sign afterwards (IEEE multiplication is symmetric in
 * sign), without the separate sign step. Otherwise z is the magnitude |z|.
 */
function candidate23(signed: boolean): Statement[] {
  const index = signed ? ref('signedLayer') : ref('layer');
  return [
    { kind: 'let', name: 'layer', value: and(ref('word'), int(255)) },
    ...(signed ? [{ kind: 'let', name: 'signedLayer', value: and(ref('word'), int(511)) } as const] : []),
    { kind: 'let', name: 'magnitude', value: shru(ref('word'), 9) },
    {
      kind: 'let',
      name: 'z',
      value: mul(unsigned(ref('magnitude')), table(signed ? 'signedScale23' : 'scale23', index)),
    },
    {
      kind: 'let',
      name: 'outside',
      value: geu(ref('magnitude'), table(signed ? 'signedAccept23' : 'accept23', index)),
    },
  ];
}

/**
 * The same from two words (float64): layer and sign from the first word's low bits, a 52-bit
 * magnitude from its top 20 bits and the whole second word (exact in a double).
 */
function candidate52(signed: boolean): Statement[] {
  const index = signed ? ref('signedLayer') : ref('layer');
  return [
    { kind: 'let', name: 'layer', value: and(ref('first'), int(255)) },
    ...(signed ? [{ kind: 'let', name: 'signedLayer', value: and(ref('first'), int(511)) } as const] : []),
    {
      kind: 'let',
      name: 'magnitude',
      value: add(mul(unsigned(shru(ref('first'), 12)), float(TWO_POW_32)), unsigned(ref('second'))),
    },
    { kind: 'let', name: 'z', value: mul(ref('magnitude'), table(signed ? 'signedScale52' : 'scale52', index)) },
    { kind: 'let', name: 'outside', value: ge(ref('magnitude'), table(signed ? 'signedAccept52' : 'accept52', index)) },
  ];
}

/**
 * e^x by math/deterministic-math.ts's algorithm, step for step, for x in [−745, 709] (the wedge
 * test needs [−6.7, 0]): x = k·ln 2 + r with k = round(x·log2 e) and ln 2 in two parts, the Taylor
 * series of e^r to degree 14 by Horner's rule, then the exact scaling 2^⌊k/2⌋·2^(k−⌊k/2⌋).
 * `round` is written ⌊v + 0.5⌋: for v ≤ 0, where v + 0.5 is exact or lies in (0, 0.5], it equals
 * Math.round(v) up to the sign of a zero k, which changes nothing below.
 */
function exponential(input: Expression, output: string): Statement[] {
  const LOG2_E = Math.LOG2E; // 1.4426950408889634, as deterministicExp writes it
  const LN2_HIGH = 6.9314718036912381649e-1;
  const LN2_LOW = 1.90821492927058770002e-10;
  // 1/n! for n = 0..14, each the correctly rounded quotient of the previous by n (as deterministicExp).
  const coefficients = [1];
  for (let n = 1; n < 15; n++) coefficients.push(coefficients[n - 1]! / n);
  const x = ref('expX');
  const statements: Statement[] = [
    { kind: 'let', name: 'expX', value: input },
    { kind: 'let', name: 'expK', value: floor(add(mul(x, float(LOG2_E)), float(0.5))) },
    {
      kind: 'let',
      name: 'expR',
      value: fsub(fsub(x, mul(ref('expK'), float(LN2_HIGH))), mul(ref('expK'), float(LN2_LOW))),
    },
    { kind: 'let', name: 'expSum', value: float(coefficients[14]!) },
  ];
  for (let n = 13; n >= 0; n--) {
    statements.push({
      kind: 'let',
      name: 'expSum',
      value: add(mul(ref('expSum'), ref('expR')), float(coefficients[n]!)),
    });
  }
  statements.push(
    { kind: 'let', name: 'expHalf', value: floor(mul(ref('expK'), float(0.5))) },
    {
      kind: 'let',
      name: output,
      value: mul(mul(ref('expSum'), pow2(ref('expHalf'))), pow2(fsub(ref('expK'), ref('expHalf')))),
    },
  );
  return statements;
}

/**
 * The ziggurat's wedge test for a candidate |x| of layer i ≥ 1 (distributions/ziggurat.ts,
 * acceptWedge): a 53-bit uniform u in (0, 1] from the next two words, `y = F[i] + u·(F[i+1] − F[i])`,
 * and the attempt is redrawn unless `y < exp(−x²/2)`. The layer's squeeze (ziggurat.ts,
 * squeezeTables) decides all but about 0.5% of tests without the exponential, with the same outcome.
 */
function wedge(x: Expression): Statement[] {
  const layer = ref('layer');
  const exponent = ref('exponent');
  return [
    { kind: 'draw', name: 'wedgeHigh' },
    { kind: 'draw', name: 'wedgeLow' },
    {
      kind: 'let',
      name: 'u',
      value: mul(
        add(
          add(mul(unsigned(shru(ref('wedgeHigh'), 5)), float(TWO_POW_26)), unsigned(shru(ref('wedgeLow'), 6))),
          float(1),
        ),
        float(1.1102230246251565e-16),
      ),
    },
    {
      kind: 'let',
      name: 'y',
      value: add(table('heights', layer), mul(ref('u'), fsub(table('heightsNext', layer), table('heights', layer)))),
    },
    { kind: 'let', name: 'exponent', value: mul(mul(float(-0.5), x), x) },
    {
      kind: 'reject',
      when: ge(ref('y'), add(table('squeezeHighA', layer), mul(table('squeezeHighB', layer), exponent))),
      comment: 'Above the chord, which lies above exp(exponent): rejected.',
    },
    {
      kind: 'when',
      when: ge(ref('y'), add(table('squeezeLowA', layer), mul(table('squeezeLowB', layer), exponent))),
      comment: 'Below the tangent, which lies below exp(exponent), y is accepted; between the two, compute.',
      body: [
        ...exponential(exponent, 'density'),
        { kind: 'reject', when: ge(ref('y'), ref('density')), comment: 'Accepted when y < exp(−x²/2).' },
      ],
    },
  ];
}

function normal(name: string, words: string[], candidate: Statement[]): KernelSource {
  return {
    name,
    summary: `Normal samples mean + stddev·z by the 256-layer ziggurat, ${words.length === 1 ? '23' : '52'}-bit magnitudes.`,
    words,
    params: [
      { name: 'mean', type: 'f64' },
      { name: 'stddev', type: 'f64' },
    ],
    body: [
      ...candidate,
      {
        kind: 'rare',
        when: ref('outside'),
        body: [
          {
            kind: 'slow',
            when: both(ref('outside'), eq(ref('layer'), int(0))),
            path: 'normalSlow',
            layer: ref('layer'),
            x: ref('z'),
            result: 'z',
            comment: 'Rare (about 0.1%): a tail sample beyond R with the sign of z, out of line.',
          },
          {
            kind: 'when',
            when: both(ref('outside'), gtu(ref('layer'), int(0))),
            body: wedge(ref('z')),
            comment: 'About 1.4%: the wedge test of z (its sign changes nothing: the test squares it).',
          },
        ],
      },
      { kind: 'let', name: 'value', value: add(ref('mean'), mul(ref('stddev'), ref('z'))) },
    ],
    value: 'value',
  };
}

function truncated(name: string, words: string[], candidate: Statement[]): KernelSource {
  return {
    name,
    summary: `Normal samples truncated to |z| < 2 (TensorFlow's rule), ${words.length === 1 ? '23' : '52'}-bit magnitudes.`,
    words,
    params: [
      { name: 'mean', type: 'f64' },
      { name: 'stddev', type: 'f64' },
      { name: 'lowerSafe', type: 'f64' },
      { name: 'upperSafe', type: 'f64' },
    ],
    body: [
      ...candidate,
      {
        kind: 'rare',
        when: ref('outside'),
        body: [
          {
            kind: 'reject',
            when: both(ref('outside'), either(eq(ref('layer'), int(0)), ge(ref('z'), float(2)))),
            comment:
              'The tail lies beyond R ≈ 3.65 and a wedge candidate at |z| ≥ 2 would be cut anyway: redraw without spending words on them.',
          },
          { kind: 'when', when: ref('outside'), body: wedge(ref('z')), comment: 'The wedge test of z.' },
        ],
      },
      { kind: 'reject', when: ge(ref('z'), float(2)), comment: "TensorFlow's rule on the standard sample: |z| < 2." },
      { kind: 'let', name: 'value', value: add(ref('mean'), mul(ref('stddev'), signBy(ref('z'), ref(words[0]!), 8))) },
      {
        kind: 'check',
        when: either(lt(ref('value'), ref('lowerSafe')), gt(ref('value'), ref('upperSafe'))),
        value: ref('value'),
        comment: 'Only near a bound can rounding to the output format reach it: test the rounded value there.',
      },
    ],
    value: 'value',
  };
}

let sources: readonly KernelSource[] | undefined;

/** Every kernel of the default engine, built on first use (nothing runs at import). */
export function kernelSources(): readonly KernelSource[] {
  sources ??= buildKernelSources();
  return sources;
}

function buildKernelSources(): readonly KernelSource[] {
  return [
    {
      name: 'uniform24',
      summary: 'Uniform floats low + k·step from the top 24 bits of one word (float32, float16, bfloat16).',
      words: ['word'],
      params: [
        { name: 'low', type: 'f64' },
        { name: 'step', type: 'f64' },
        { name: 'kMin', type: 'i32' },
        { name: 'kSpan', type: 'i32' },
      ],
      body: [
        { kind: 'let', name: 'k', value: shru(ref('word'), 8) },
        {
          kind: 'reject',
          when: gtu(sub(ref('k'), ref('kMin')), ref('kSpan')),
          comment: 'Grid points that round outside [low, high): one unsigned comparison tests kMin ≤ k ≤ kMin + kSpan.',
        },
        { kind: 'let', name: 'value', value: add(ref('low'), mul(unsigned(ref('k')), ref('step'))) },
      ],
      value: 'value',
    },
    {
      name: 'uniform53',
      summary: 'Uniform floats low + k·step from 53 bits of two words (float64).',
      words: ['first', 'second'],
      params: [
        { name: 'low', type: 'f64' },
        { name: 'step', type: 'f64' },
        { name: 'kMin', type: 'f64' },
        { name: 'kMax', type: 'f64' },
      ],
      body: [
        {
          kind: 'let',
          name: 'k',
          value: add(mul(unsigned(shru(ref('first'), 5)), float(TWO_POW_26)), unsigned(shru(ref('second'), 6))),
        },
        { kind: 'reject', when: either(lt(ref('k'), ref('kMin')), gt(ref('k'), ref('kMax'))) },
        { kind: 'let', name: 'value', value: add(ref('low'), mul(ref('k'), ref('step'))) },
      ],
      value: 'value',
    },
    normal('normal23', ['word'], candidate23(true)),
    normal('normal52', ['first', 'second'], candidate52(true)),
    truncated('truncated23', ['word'], candidate23(false)),
    truncated('truncated52', ['first', 'second'], candidate52(false)),
    {
      name: 'int32',
      summary: 'Integers low + k, k = word & mask redrawn while ≥ range (ranges up to 2^32).',
      words: ['word'],
      params: [
        { name: 'low', type: 'f64' },
        { name: 'range', type: 'f64' },
        { name: 'mask', type: 'i32' },
      ],
      body: [
        { kind: 'let', name: 'k', value: unsigned(and(ref('word'), ref('mask'))) },
        { kind: 'reject', when: ge(ref('k'), ref('range')) },
        { kind: 'let', name: 'value', value: add(ref('low'), ref('k')) },
      ],
      value: 'value',
    },
    {
      name: 'int53',
      summary: 'Integers low + k, k = (first & mask)·2^32 + second redrawn while ≥ range (larger ranges).',
      words: ['first', 'second'],
      params: [
        { name: 'low', type: 'f64' },
        { name: 'range', type: 'f64' },
        { name: 'mask', type: 'i32' },
      ],
      body: [
        {
          kind: 'let',
          name: 'k',
          value: add(mul(unsigned(and(ref('first'), ref('mask'))), float(TWO_POW_32)), unsigned(ref('second'))),
        },
        { kind: 'reject', when: ge(ref('k'), ref('range')) },
        { kind: 'let', name: 'value', value: add(ref('low'), ref('k')) },
      ],
      value: 'value',
    },
  ];
}

export type KernelName =
  | 'uniform24'
  | 'uniform53'
  | 'normal23'
  | 'normal52'
  | 'truncated23'
  | 'truncated52'
  | 'int32'
  | 'int53';
