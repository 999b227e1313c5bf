// The gallery's figures, drawn with Observable Plot: a histogram of the values with the theoretical
// density over it (or, for values that take a few distinct values, their frequencies beside the
// theoretical probabilities), and heat maps of an orthogonal matrix's Gram matrix.
import * as Plot from '@observablehq/plot';
import type { GalleryResult } from './compute.js';
import { histogram, valueFrequencies } from './sample.js';
import { fmt } from './theory.js';

const BAR = 'var(--vp-c-brand-1)';
const THEORY = '#e8590c';

/** The most distinct values drawn as separate bars; more are binned as a histogram. */
const MAX_ATOMS = 40;

export interface DistributionFigure {
  readonly element: SVGSVGElement | HTMLElement;
  /** Values left out because they lie outside the plotted range (normal tails beyond ±4.5σ). */
  readonly outside: number;
  readonly kind: 'histogram' | 'frequencies';
}

/** Bins: about √n, between 12 and 72, so a small tensor does not look like noise. */
function binCount(n: number): number {
  return Math.max(12, Math.min(72, Math.round(Math.sqrt(n) / 2)));
}

export function distributionFigure(result: GalleryResult, width: number): DistributionFigure {
  const { values, theory, stats } = result;
  const height = Math.round(Math.min(340, Math.max(220, width * 0.45)));
  const frequencies = theory.kind !== 'continuous' ? valueFrequencies(values, MAX_ATOMS) : undefined;
  if (frequencies !== undefined) {
    // A few distinct values: bars of their observed fractions, ticks at the theoretical probability.
    const atoms = theory.kind === 'discrete' ? theory.atoms : [];
    const domain = [...new Set([...frequencies.map((f) => f.value), ...atoms.map((a) => a.value)])]
      .sort((a, b) => a - b)
      .map(fmt);
    const element = Plot.plot({
      width,
      height,
      marginLeft: 56,
      style: { background: 'transparent', fontSize: '12px' },
      x: { domain, label: 'value', labelArrow: 'none', type: 'band', padding: 0.3 },
      y: { label: 'fraction of elements', grid: true },
      marks: [
        Plot.barY(frequencies, {
          x: (d: { value: number }) => fmt(d.value),
          y: 'fraction',
          fill: BAR,
          fillOpacity: 0.7,
          tip: true,
        }),
        Plot.tickY(atoms, {
          x: (d: { value: number }) => fmt(d.value),
          y: 'probability',
          stroke: THEORY,
          strokeWidth: 3,
        }),
        Plot.ruleY([0]),
      ],
    });
    return { element, outside: 0, kind: 'frequencies' };
  }
  let [low, high] = theory.kind === 'continuous' ? theory.domain : [stats.min, stats.max];
  if (!(high > low)) {
    low -= 0.5;
    high += 0.5;
  }
  const bins = histogram(values, low, high, binCount(values.length));
  let outside = 0;
  for (let i = 0; i < values.length; i++)
    if (!((values[i] as number) >= low && (values[i] as number) <= high)) outside++;
  const marks: Plot.Markish[] = [
    Plot.rectY(bins, {
      x1: 'x1',
      x2: 'x2',
      y: 'density',
      fill: BAR,
      fillOpacity: 0.55,
      insetLeft: 0.5,
      insetRight: 0.5,
    }),
    Plot.ruleY([0]),
  ];
  if (theory.kind === 'continuous') {
    const points: { x: number; y: number }[] = [];
    const steps = 480;
    // A bounded support starts and ends at 0, so the curve draws the density's edges too.
    if (Number.isFinite(theory.min)) points.push({ x: low, y: 0 });
    for (let i = 0; i <= steps; i++) {
      // Nudge the end points inside the support: open intervals have zero density on the bound.
      const t = i === 0 ? 1e-9 : i === steps ? 1 - 1e-9 : i / steps;
      const x = low + (high - low) * t;
      points.push({ x, y: theory.pdf(x) });
    }
    if (Number.isFinite(theory.max)) points.push({ x: high, y: 0 });
    marks.push(Plot.line(points, { x: 'x', y: 'y', stroke: THEORY, strokeWidth: 2.5 }));
  }
  const element = Plot.plot({
    width,
    height,
    marginLeft: 56,
    marginRight: 24,
    marginBottom: 40,
    style: { background: 'transparent', fontSize: '12px' },
    x: { label: 'value', labelAnchor: 'center', labelArrow: 'none', domain: [low, high] },
    y: { label: 'density', grid: true },
    marks,
  });
  return { element, outside, kind: 'histogram' };
}

/**
 * A size × size matrix as a raster heat map on a diverging scale symmetric around 0, with a legend.
 * Pixelated, so each entry is one crisp square however large the figure.
 */
export function heatMap(
  matrix: Float64Array,
  size: number,
  options: { width: number; limit: number; label: string },
): HTMLElement | SVGSVGElement {
  const limit = options.limit > 0 ? options.limit : 1;
  return Plot.plot({
    width: options.width,
    height: options.width,
    marginLeft: 40,
    marginBottom: 30,
    marginTop: 12,
    style: { background: 'transparent', fontSize: '11px' },
    x: { domain: [0, size], label: null, ticks: 4, tickFormat: (d: number) => String(Math.floor(d)) },
    y: { domain: [0, size], label: null, reverse: true, ticks: 4, tickFormat: (d: number) => String(Math.floor(d)) },
    color: {
      type: 'diverging',
      scheme: 'RdBu',
      pivot: 0,
      domain: [-limit, limit],
      legend: true,
      label: options.label,
      // Deviations of 1e-8 would print as 0.00000001; exponents read better.
      tickFormat: limit < 0.01 ? '.0e' : '.1f',
    },
    marks: [
      Plot.raster(Array.from(matrix), {
        width: size,
        height: size,
        x1: 0,
        y1: 0,
        x2: size,
        y2: size,
        imageRendering: 'pixelated',
      }),
      Plot.frame(),
    ],
  });
}

/**
 * ‖x ⊛ k‖ / ‖x‖ for each random signal: circular padding (on the |gain| line: the operator is an
 * isometry) and zero padding (below it: the borders lose what would wrap around).
 */
export function isometryFigure(
  iso: { readonly circular: readonly number[]; readonly zeroPadded: readonly number[]; readonly gain: number },
  width: number,
): HTMLElement | SVGSVGElement {
  const points = [
    ...iso.circular.map((ratio, trial) => ({ trial, ratio, padding: 'circular' })),
    ...iso.zeroPadded.map((ratio, trial) => ({ trial, ratio, padding: 'zero' })),
  ];
  const gain = Math.abs(iso.gain);
  const low = Math.min(gain, ...iso.zeroPadded);
  return Plot.plot({
    width,
    height: Math.round(Math.min(300, Math.max(200, width * 0.38))),
    marginLeft: 56,
    style: { background: 'transparent', fontSize: '12px' },
    x: { label: 'random signal →', ticks: 0 },
    y: {
      label: '‖x ⊛ k‖ / ‖x‖',
      domain: [Math.max(0, low - 0.1 * (gain || 1)), gain + 0.05 * (gain || 1)],
      grid: true,
    },
    color: { domain: ['circular', 'zero'], range: [BAR, THEORY], legend: true },
    marks: [
      Plot.ruleY([gain], { stroke: 'currentColor', strokeDasharray: '4 3' }),
      Plot.dot(points, { x: 'trial', y: 'ratio', fill: 'padding', r: 3, tip: true }),
    ],
  });
}
