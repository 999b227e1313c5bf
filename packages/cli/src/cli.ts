// The init-weights command, on commander (arguments, options, help) and cli-progress (the bar).
//
//   init-weights SPEC --seed S --out PATH [--layout torch|tf] [--max-shard-size SIZE] [--shard i/n]
//   init-weights inspect FILE
//   init-weights verify SPEC PATH [--seed S]
import { readFileSync } from 'node:fs';
import { isInitError, type FanLayout } from '@init/core';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import { InitializerError } from './initializer-for.js';
import { inspectFile, type TensorStats } from './inspect.js';
import { OptionError, parseShard, parseSize } from './layout.js';
import { checkpointFiles, readHeader } from './read.js';
import { FormatError } from './safetensors.js';
import { parseSeed } from './seed.js';
import { parseSpec, SpecError, type Spec } from './spec.js';
import { verifyCheckpoint } from './verify.js';
import { WriteError, writeCheckpoint, type Progress } from './write.js';

function readSpec(path: string, layout?: FanLayout): Spec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SpecError(
      `cannot read the spec ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  try {
    return parseSpec(text, { layout });
  } catch (error) {
    if (error instanceof SpecError) throw new SpecError(`${path}: ${error.message}`);
    throw error;
  }
}

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** True when stderr is a terminal: then the progress bar is drawn. */
  readonly interactive: boolean;
}

const GB = 1e9;

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e-3 && magnitude < 1e5 ? value.toFixed(6) : value.toExponential(4);
}

/** The inspect table: one row per tensor, columns aligned. */
export function formatStats(stats: readonly TensorStats[]): string {
  const rows = [
    ['name', 'shape', 'dtype', 'mean', 'std', 'min', 'max'],
    ...stats.map((s) => [
      s.name,
      `[${s.shape.join(', ')}]`,
      s.dtype,
      formatNumber(s.mean),
      formatNumber(s.std),
      formatNumber(s.min),
      formatNumber(s.max),
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] as string).length))) ?? [];
  return `${rows
    .map((row) =>
      row
        .map((cell, column) =>
          column >= 3 ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`
    : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function progressBar(io: Io): { update: (progress: Progress) => void; stop: () => void } {
  if (!io.interactive) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: '{bar} {percentage}% | {doneGB}/{totalGB} GB | {rate} GB/s | ETA {remaining} | {tensor}',
    barsize: 30,
    hideCursor: true,
    etaBuffer: 20,
    fps: 10,
  });
  const start = performance.now();
  let started = false;
  return {
    update(progress) {
      const seconds = (performance.now() - start) / 1000;
      // The ETA from the average rate so far (cli-progress's own follows only the last updates).
      const rate = seconds > 0 ? progress.bytesDone / seconds : 0;
      const eta = rate > 0 ? formatSeconds((progress.bytesTotal - progress.bytesDone) / rate) : '-';
      const payload = {
        remaining: eta,
        doneGB: (progress.bytesDone / GB).toFixed(2),
        totalGB: (progress.bytesTotal / GB).toFixed(2),
        rate: seconds > 0 ? (progress.bytesDone / GB / seconds).toFixed(2) : '-',
        tensor: progress.tensor,
      };
      if (!started) {
        bar.start(progress.bytesTotal, 0, payload);
        started = true;
      }
      bar.update(progress.bytesDone, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function buildProgram(io: Io, exit: { code: number }): Command {
  const program = new Command('init-weights')
    .description("Write a model's initial weights to safetensors: each parameter's values from one seed and its name.")
    .argument(
      '<spec>',
      'the JSON spec: { parameters: { name: [dims] or { shape, dtype?, init? } }, rules?, dtype?, layout? }',
    )
    .option('--seed <seed>', 'the seed: an integer below 2^64, or any other text as a string seed (required)')
    .option('--out <path>', 'the .safetensors file, or with --max-shard-size the output directory (required)')
    .addOption(
      new Option('--layout <layout>', "fan layout of the shapes (default: the spec's, else torch)").choices([
        'torch',
        'tf',
      ]),
    )
    .option('--max-shard-size <size>', "Hugging Face's sharded layout, files of at most SIZE (5GB, 500MB, 2GiB, bytes)")
    .option(
      '--shard <i/n>',
      'write only the files of host i of n (0 ≤ i < n); the hosts together write the whole checkpoint',
    )
    .option('--workers <n>', 'worker threads for the fill (default: every core)')
    .showHelpAfterError()
    // The main command's --seed and --layout must not swallow verify's own options of those names.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .action(
      async (
        specPath: string,
        options: {
          seed?: string;
          out?: string;
          layout?: FanLayout;
          maxShardSize?: string;
          shard?: string;
          workers?: string;
        },
      ) => {
        // Checked here, not as commander's required options, which would bind the subcommands too.
        if (options.seed === undefined)
          throw new OptionError('--seed is required: the seed every parameter key derives from.');
        if (options.out === undefined)
          throw new OptionError(
            '--out is required: the .safetensors file, or with --max-shard-size the output directory.',
          );
        const seed = parseSeed(options.seed);
        const maxShardSize = options.maxShardSize === undefined ? undefined : parseSize(options.maxShardSize);
        const shard = options.shard === undefined ? undefined : parseShard(options.shard);
        const workers = options.workers === undefined ? undefined : Number(options.workers);
        if (workers !== undefined && (!Number.isSafeInteger(workers) || workers < 0)) {
          throw new OptionError(
            `--workers must be a non-negative integer. Received: ${JSON.stringify(options.workers)}.`,
          );
        }
        const spec = readSpec(specPath, options.layout);
        const bar = progressBar(io);
        const start = performance.now();
        try {
          const result = await writeCheckpoint(spec, {
            seed,
            out: options.out,
            maxShardSize,
            shard,
            workers,
            onProgress: bar.update,
          });
          bar.stop();
          const seconds = (performance.now() - start) / 1000;
          for (const file of result.files) io.out(`wrote ${file}\n`);
          io.out(
            `${result.tensors} tensors, ${result.parameters.toLocaleString('en-US')} parameters, ${(result.bytes / GB).toFixed(3)} GB in ${seconds.toFixed(2)} s (${(result.bytes / GB / seconds).toFixed(2)} GB/s)\n`,
          );
        } finally {
          bar.stop();
        }
      },
    );

  program
    .command('inspect')
    .description("print each tensor's name, shape, dtype, mean, std (population), min and max")
    .argument('<file>', 'a .safetensors file, an index (model.safetensors.index.json) or a checkpoint directory')
    .action((file: string) => {
      for (const path of checkpointFiles(file)) {
        io.out(`${path}\n`);
        io.out(formatStats(inspectFile(path)));
      }
    });

  program
    .command('verify')
    .description('recompute every tensor from SPEC and the seed, and compare its SHA-256 with the file')
    .argument('<spec>', 'the JSON spec the checkpoint was written from')
    .argument('<path>', 'a .safetensors file, an index or a checkpoint directory')
    .option('--seed <seed>', 'the seed (default: the one recorded in the files)')
    .addOption(
      new Option('--layout <layout>', 'fan layout (default: the one recorded in the files)').choices(['torch', 'tf']),
    )
    .action(async (specPath: string, path: string, options: { seed?: string; layout?: FanLayout }) => {
      const first = checkpointFiles(path)[0] as string;
      const metadata = readHeader(first).metadata;
      const seedText = options.seed ?? metadata.seed;
      if (seedText === undefined) throw new OptionError(`--seed is needed: ${first} records no seed.`);
      const layout =
        options.layout ?? (metadata.layout === 'tf' || metadata.layout === 'torch' ? metadata.layout : undefined);
      const spec = readSpec(specPath, layout);
      const checks = await verifyCheckpoint(spec, path, parseSeed(seedText));
      let bad = 0;
      for (const check of checks) {
        if (check.status === 'ok') {
          io.out(`ok       ${check.name}  sha256 ${check.actual}\n`);
        } else {
          bad++;
          io.out(
            `FAILED   ${check.name}: ${check.status}${check.expected === undefined ? '' : ` (expected ${check.expected}, file ${check.actual})`}\n`,
          );
        }
      }
      io.out(`${checks.length - bad} of ${checks.length} tensors match\n`);
      if (bad > 0) exit.code = 1;
    });
  return program;
}

/** Errors whose message is the whole story for a user: printed without a stack. */
function isExpected(error: unknown): error is Error {
  return (
    error instanceof SpecError ||
    error instanceof OptionError ||
    error instanceof InitializerError ||
    error instanceof WriteError ||
    error instanceof FormatError ||
    isInitError(error)
  );
}

/**
 * Runs the command with `argv` (as `process.argv`: node, script, arguments…) and returns the exit
 * code: 0 on success, 1 on an error (printed to stderr as `init-weights: …`), 2 on bad usage.
 */
export async function main(
  argv: readonly string[],
  io: Io = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    interactive: process.stderr.isTTY === true,
  },
): Promise<number> {
  const exit = { code: 0 };
  const program = buildProgram(io, exit);
  try {
    await program.parseAsync([...argv]);
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isExpected(error)) {
      io.err(`init-weights: ${error.message}\n`);
      return 1;
    }
    io.err(`init-weights: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
