// Where each public name lives: for every entry point of every published package (`@init/linalg`,
// and subpaths such as `@init/linalg/svd`), the file under src/ that declares each name its index
// re-exports. ARCHITECTURE.md holds the table (region public-names);
// `pnpm --filter @init/package-checks run names` rewrites it, and test/public-names.test.ts fails
// when it is stale or when an index exports a name twice.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { type EntryPoint, entryPoints, packageDir, packageNames, root, type PackageName } from '../test/workspace.js';

export interface PublicName {
  readonly name: string;
  /** The declaring file, relative to the repository root. */
  readonly file: string;
  readonly typeOnly: boolean;
}

export const architecturePath = join(root, 'ARCHITECTURE.md');
const REGION = /(<!-- #region public-names -->\n)[\s\S]*?(<!-- #endregion public-names -->)/;

/**
 * The names an entry point's index (the package's `src/index.ts` by default) re-exports, each with
 * the file it comes from, in order.
 */
export function publicNames(name: PackageName, entry?: EntryPoint): PublicName[] {
  const indexPath = join(packageDir(name), entry?.source ?? 'src/index.ts');
  const source = ts.createSourceFile(indexPath, readFileSync(indexPath, 'utf8'), ts.ScriptTarget.ES2022, true);
  const names: PublicName[] = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) {
      throw new Error(
        `${relative(root, indexPath)}: only re-exports belong in an index (line ${line(source, statement)})`,
      );
    }
    if (statement.moduleSpecifier === undefined || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.exportClause === undefined || !ts.isNamedExports(statement.exportClause)) {
      throw new Error(
        `${relative(root, indexPath)}: name what you export (no export *), line ${line(source, statement)}`,
      );
    }
    const specifier = statement.moduleSpecifier.text;
    const file = specifier.startsWith('.')
      ? relative(root, join(dirname(indexPath), specifier.replace(/\.js$/, '.ts')))
      : specifier;
    for (const element of statement.exportClause.elements) {
      names.push({ name: element.name.text, file, typeOnly: statement.isTypeOnly || element.isTypeOnly });
    }
  }
  return names;
}

function line(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
}

/** The Markdown table: per package, one row per source file with the public names it holds. */
export function renderPublicNames(names: readonly PackageName[] = packageNames): string {
  const lines = ['| package | file | public names (types in italics) |', '| --- | --- | --- |'];
  for (const name of names) {
    for (const entryPoint of entryPoints(name)) {
      const byFile = new Map<string, string[]>();
      for (const entry of publicNames(name, entryPoint)) {
        const shown = entry.typeOnly ? `*\`${entry.name}\`*` : `\`${entry.name}\``;
        byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), shown]);
      }
      for (const [file, entries] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
        const where = file.startsWith('packages/') ? `\`${file}\`` : `re-exported from \`${file}\``;
        lines.push(`| ${entryPoint.specifier} | ${where} | ${entries.join(', ')} |`);
      }
    }
  }
  return lines.join('\n');
}

/** The table as ARCHITECTURE.md holds it now. */
export function architectureTable(): string | undefined {
  const match = REGION.exec(readFileSync(architecturePath, 'utf8'));
  return match === null ? undefined : match[0].split('\n').slice(1, -1).join('\n');
}

if (process.argv[1]?.endsWith('public-names.ts')) {
  const text = readFileSync(architecturePath, 'utf8');
  if (!REGION.test(text)) throw new Error('ARCHITECTURE.md has no <!-- #region public-names --> region');
  writeFileSync(
    architecturePath,
    text.replace(REGION, (_, start: string, end: string) => `${start}${renderPublicNames()}\n${end}`),
  );
  console.log('ARCHITECTURE.md: public names written.');
}
