// Runs the code examples of the pages (examples/*.ts) and captures what they print, so the output a
// page shows next to an example (examples/*.out, included with VitePress's `<<<` snippet syntax) is
// what the code really prints. scripts/run-examples.ts writes the .out files; test/examples.test.ts
// runs every example again and fails if an .out file is stale.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatWithOptions } from 'node:util';

export const examplesDir = fileURLToPath(new URL('../examples', import.meta.url));

/** The example files, sorted: examples/<name>.ts. */
export function exampleNames(): string[] {
  return readdirSync(examplesDir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

export function outputPath(name: string): string {
  return join(examplesDir, `${name}.out`);
}

/**
 * Imports examples/<name>.ts with console.log captured (formatted as Node's console formats it for
 * a file or pipe: no colours) and returns the printed text. Examples run one at a time, so the
 * capture cannot mix two examples' output.
 */
export async function runExample(name: string, cacheBust = ''): Promise<string> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(formatWithOptions({ colors: false }, ...args));
  };
  try {
    const url = pathToFileURL(join(examplesDir, `${name}.ts`)).href;
    await import(cacheBust === '' ? url : `${url}?${cacheBust}`);
  } finally {
    console.log = original;
  }
  return `${lines.join('\n')}\n`;
}
