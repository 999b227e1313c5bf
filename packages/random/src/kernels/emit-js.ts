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
import { kernelSources, xoshiroStep } from './source.js';

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
        case 'fsub':
          return `(${left()} - ${right()})`;
        case 'floor':
          return `Math.floor(${bare(left())})`;
        case 'pow2':
          return `powerOfTwo(${bare(left())})`;
        case 'mul':
          return `(${left()} * ${right()})`;
        case 'signBy': {
          // A multiplication by 1 − ((word >>> (b − 1)) & 2): ±1 without a branch a random sign would mispredict.
          const bit = expression.args[2]!;
          if (bit.kind !== 'const') throw new Error('kernel source: signBy takes a constant bit');
          return `(${left()} * ((1 - ((${right()} >>> ${bit.value - 1}) & 2)) | 0))`;
        }
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
  const walk = (list: readonly Statement[]): void => {
    for (const statement of list) {
      if (statement.kind === 'let') visit(statement.value);
      else if (statement.kind === 'when' || statement.kind === 'rare') {
        visit(statement.when);
        walk(statement.body);
      } else if (statement.kind !== 'draw') visit(statement.when);
    }
  };
  walk(statements);
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
/**
 * The statements of a body with each `draw` expanded into its xoshiro step, and `rare` bodies written
 * in line (each of their statements tests its own condition).
 */
function expandDraws(statements: readonly Statement[]): Statement[] {
  return statements.flatMap((statement): Statement[] => {
    if (statement.kind === 'draw') return xoshiroStep(statement.name);
    if (statement.kind === 'rare') return expandDraws(statement.body);
    if (statement.kind === 'when') return [{ ...statement, body: expandDraws(statement.body) }];
    return [statement];
  });
}

export function emitKernel(kernel: KernelSource): string {
  const steps = kernel.words.flatMap((word) => xoshiroStep(word));
  const loop: Statement[] = [...steps, ...expandDraws(kernel.body)];
  const context: Context = { types: registerTypes(kernel, steps), readings: new Map() };
  for (const parameter of kernel.params)
    context.readings.set(parameter.name, parameter.type === 'i32' ? 'uint32' : 'number');
  // Registers assigned more than once per attempt are `let`, the others `const`.
  const assignments = new Map<string, number>();
  const count = (statements: readonly Statement[]): void => {
    for (const statement of statements) {
      if (statement.kind === 'when') count(statement.body);
      const name = statement.kind === 'let' ? statement.name : statement.kind === 'slow' ? statement.result : undefined;
      if (name !== undefined) assignments.set(name, (assignments.get(name) ?? 0) + 1);
    }
  };
  count(loop);
  const declared = new Set(['s0', 's1', 's2', 's3']);
  const write = (statements: readonly Statement[], first: boolean): string[] => {
    const lines: string[] = [];
    for (const [index, statement] of statements.entries()) {
      if (first && index === 0) lines.push('// xoshiro128** step (kernels/source.ts, xoshiroStep).');
      if (first && index === steps.length) lines.push('// The sampler.');
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
        case 'draw':
        case 'rare':
          throw new Error('kernel source: draws and rare bodies are expanded before emission');
        case 'when':
          lines.push(
            `if (${bare(emit(statement.when, context))}) {`,
            indent(write(statement.body, false).join('\n'), 1),
            '}',
          );
          break;
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
    return lines;
  };
  const lines = write(loop, true);
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
    "import { powerOfTwo } from '../math/float-bits.js';",
    "import { normalSlow, roundedInside, slowResult } from './slow-paths.js';",
    "import type { KernelOutput, RoundingBounds } from './slow-paths.js';",
    '',
    kernelSources().map(emitKernel).join('\n\n'),
    '',
  ].join('\n');
}
