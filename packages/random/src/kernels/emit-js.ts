/**
 * Writes the JavaScript kernels from kernels/source.ts as TypeScript text. Run at build time by
 * scripts/generate-kernels.ts (the output is committed as js-kernels.generated.ts, so the JavaScript
 * fallback needs no `eval` and runs under any Content-Security-Policy); kernels.test.ts checks that
 * the committed file is what this emitter writes today.
 *
 * JavaScript has no 32-bit unsigned type: a word is a number holding either its signed or its
 * unsigned reading. The emitter tracks which one each expression holds ('int32' after `^`, `&`,
 * `Math.imul`…, 'uint32' after `>>>`) and converts only where an operation needs the other reading.
 */

import { registerTypes, typeOf } from './ir.js';
import type { Expression, KernelSource, Statement, ValueType } from './ir.js';
import { KERNEL_SOURCES, xoshiroStep } from './source.js';

type Reading = 'int32' | 'uint32' | 'number';

interface Context {
  readonly types: Map<string, ValueType>;
  readonly readings: Map<string, Reading>;
}

function readingOf(expression: Expression, context: Context): Reading {
  if (expression.kind === 'ref') return context.readings.get(expression.name) ?? 'number';
  if (expression.kind === 'const') return expression.type === 'i32' ? 'uint32' : 'number';
  if (expression.kind === 'table') return 'number';
  if (expression.operation === 'shru') return 'uint32';
  return typeOf(expression, context.types) === 'i32' ? 'int32' : 'number';
}

/** The expression's unsigned reading (`x >>> 0` unless it already holds it). */
function asUnsigned(expression: Expression, context: Context): string {
  if (expression.kind === 'op' && expression.operation === 'sub') {
    // (a − b) >>> 0 wraps the difference mod 2^32 as WebAssembly's i32.sub does.
    return `((${emit(expression.args[0]!, context)} - ${emit(expression.args[1]!, context)}) >>> 0)`;
  }
  const text = emit(expression, context);
  return readingOf(expression, context) === 'uint32' ? text : `(${text} >>> 0)`;
}

function emit(expression: Expression, context: Context): string {
  switch (expression.kind) {
    case 'ref':
      return expression.name;
    case 'const':
      return String(expression.value);
    case 'table':
      return `${expression.table}[${emit(expression.index, context)}]!`;
    case 'op': {
      const [a, b] = expression.args;
      const left = (): string => emit(a!, context);
      const right = (): string => emit(b!, context);
      switch (expression.operation) {
        case 'imul':
          return `Math.imul(${left()}, ${right()})`;
        case 'sub':
          return `((${left()} - ${right()}) | 0)`;
        case 'xor':
          return `(${left()} ^ ${right()})`;
        case 'or':
          return `(${left()} | ${right()})`;
        case 'and':
          return `(${left()} & ${right()})`;
        case 'shl':
          return `(${left()} << ${right()})`;
        case 'shru':
          return `(${left()} >>> ${right()})`;
        case 'rotl': {
          if (a!.kind !== 'ref' || b!.kind !== 'const')
            throw new Error('kernel source: rotl takes a register and a constant');
          return `((${a!.name} << ${b!.value}) | (${a!.name} >>> ${32 - b!.value}))`;
        }
        case 'unsigned':
          return asUnsigned(a!, context);
        case 'signed':
          return readingOf(a!, context) === 'int32' ? left() : `(${left()} | 0)`;
        case 'add':
          return `(${left()} + ${right()})`;
        case 'mul':
          return `(${left()} * ${right()})`;
        case 'ltu':
          return `(${asUnsigned(a!, context)} < ${asUnsigned(b!, context)})`;
        case 'geu':
          return `(${asUnsigned(a!, context)} >= ${asUnsigned(b!, context)})`;
        case 'gtu':
          return `(${asUnsigned(a!, context)} > ${asUnsigned(b!, context)})`;
        case 'eq':
          return `(${asUnsigned(a!, context)} === ${asUnsigned(b!, context)})`;
        case 'lt':
          return `(${left()} < ${right()})`;
        case 'le':
          return `(${left()} <= ${right()})`;
        case 'gt':
          return `(${left()} > ${right()})`;
        case 'ge':
          return `(${left()} >= ${right()})`;
        case 'either':
          return `(${left()} || ${right()})`;
        case 'both':
          return `(${left()} && ${right()})`;
      }
    }
  }
}

/** Drops one pair of outer parentheses when they enclose the whole text. */
function bare(text: string): string {
  if (!text.startsWith('(') || !text.endsWith(')')) return text;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0 && i < text.length - 1) return text;
  }
  return text.slice(1, -1);
}

function tablesUsed(statements: readonly Statement[]): string[] {
  const found = new Set<string>();
  const visit = (expression: Expression): void => {
    if (expression.kind === 'table') {
      found.add(expression.table);
      visit(expression.index);
    } else if (expression.kind === 'op') expression.args.forEach(visit);
  };
  for (const statement of statements) {
    if (statement.kind === 'let') visit(statement.value);
    else visit(statement.when);
  }
  return [...found].sort();
}

const SAVE_STATE = 'state[0] = s0;\nstate[1] = s1;\nstate[2] = s2;\nstate[3] = s3;';
const LOAD_STATE = 's0 = state[0]!;\ns1 = state[1]!;\ns2 = state[2]!;\ns3 = state[3]!;';

function indent(text: string, depth: number): string {
  const pad = '  '.repeat(depth);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** One kernel as a TypeScript function `<name>Kernel(out, start, end, state, params)`. */
export function emitKernel(kernel: KernelSource): string {
  const steps = kernel.words.flatMap((word) => xoshiroStep(word));
  const loop: Statement[] = [...steps, ...kernel.body];
  const context: Context = { types: registerTypes(kernel, steps), readings: new Map() };
  for (const parameter of kernel.params)
    context.readings.set(parameter.name, parameter.type === 'i32' ? 'uint32' : 'number');
  // Registers assigned more than once per attempt are `let`, the others `const`.
  const assignments = new Map<string, number>();
  for (const statement of loop) {
    const name = statement.kind === 'let' ? statement.name : statement.kind === 'slow' ? statement.result : undefined;
    if (name !== undefined) assignments.set(name, (assignments.get(name) ?? 0) + 1);
  }
  const declared = new Set(['s0', 's1', 's2', 's3']);
  const lines: string[] = [];
  for (const [index, statement] of loop.entries()) {
    if (index === 0) lines.push('// xoshiro128** step (kernels/source.ts, xoshiroStep).');
    if (index === steps.length) lines.push('// The sampler.');
    if ('comment' in statement && statement.comment !== undefined) lines.push(`// ${statement.comment}`);
    switch (statement.kind) {
      case 'let': {
        const text = bare(emit(statement.value, context));
        if (declared.has(statement.name)) {
          lines.push(`${statement.name} = ${text};`);
        } else {
          declared.add(statement.name);
          lines.push(`${(assignments.get(statement.name) ?? 0) > 1 ? 'let' : 'const'} ${statement.name} = ${text};`);
        }
        // After the assignment: what the register holds now.
        context.readings.set(statement.name, readingOf(statement.value, context));
        break;
      }
      case 'reject':
        lines.push(`if (${bare(emit(statement.when, context))}) continue;`);
        break;
      case 'slow': {
        const call = `${statement.path}(state, ${bare(emit(statement.layer, context))}, ${bare(emit(statement.x, context))})`;
        const body = [
          '// Out of line: hand the state over, then take it back.',
          SAVE_STATE,
          `const accepted = ${call};`,
          LOAD_STATE,
          'if (!accepted) continue;',
        ];
        if (statement.result !== undefined) body.push(`${statement.result} = slowResult();`);
        lines.push(`if (${bare(emit(statement.when, context))}) {`, indent(body.join('\n'), 1), '}');
        break;
      }
      case 'check':
        lines.push(
          `if (${emit(statement.when, context)} && !roundedInside(${bare(emit(statement.value, context))}, params)) continue;`,
        );
        break;
    }
  }
  lines.push(`out[index++] = ${kernel.value};`);

  const tables = tablesUsed(kernel.body);
  const checks = kernel.body.some((statement) => statement.kind === 'check');
  const paramType = `{ ${kernel.params.map((parameter) => `readonly ${parameter.name}: number`).join('; ')} }${checks ? ' & RoundingBounds' : ''}`;
  const prologue = [
    ...(tables.length > 0
      ? ['const tables = zigguratTables();', ...tables.map((name) => `const ${name} = tables.${name};`)]
      : []),
    ...kernel.params.map((parameter) => `const ${parameter.name} = params.${parameter.name};`),
    'let s0 = state[0]!;',
    'let s1 = state[1]!;',
    'let s2 = state[2]!;',
    'let s3 = state[3]!;',
    'let index = start;',
    'while (index < end) {',
    indent(lines.join('\n'), 1),
    '}',
  ];
  return [
    `/** ${kernel.summary} */`,
    `export function ${kernel.name}Kernel(`,
    '  out: KernelOutput,',
    '  start: number,',
    '  end: number,',
    '  state: Int32Array,',
    `  params: ${paramType},`,
    '): void {',
    indent(prologue.join('\n'), 1),
    '}',
  ].join('\n');
}

/** The whole generated module. */
export function emitJavaScriptKernels(): string {
  return [
    '// Generated by scripts/generate-kernels.ts from src/kernels/source.ts: do not edit by hand.',
    '// kernels.test.ts fails when this file and the source disagree.',
    '/* eslint-disable */',
    '',
    "import { zigguratTables } from '../distributions/ziggurat.js';",
    "import { normalSlow, roundedInside, slowResult, wedgeSlow } from './slow-paths.js';",
    "import type { KernelOutput, RoundingBounds } from './slow-paths.js';",
    '',
    KERNEL_SOURCES.map(emitKernel).join('\n\n'),
    '',
  ].join('\n');
}
