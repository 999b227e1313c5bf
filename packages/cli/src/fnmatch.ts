// Python's fnmatch.fnmatchcase (CPython 3.9 and later), the rule language of a spec: `*` any run of
// characters (dots and slashes included), `?` one character, `[seq]` one of seq, `[!seq]` one not
// in seq; everything else matches itself. The glob must match the whole name. Characters are code
// points, as in Python: the expression is compiled with the `u` flag, so `?` takes a whole emoji.
//
// A class, read as Python reads it:
// - it runs to the next `]`, and a `]` right after `[` or `[!` belongs to it; with no closing `]`,
//   the `[` is a literal;
// - a `-` between two characters makes a range, except the class's first character and the
//   character right after a range (`[-a]` and `[a-b-c]` hold a literal `-`), and a `-` at the end;
// - a range whose ends are out of order (`[z-a]`) is dropped with both its ends, where Python's
//   regular expressions (and ours) would refuse it; a class left empty matches nothing, and `[!…]`
//   left empty matches any one character.
// src/__fixtures__/fnmatch-cases.json holds 3000 answers of CPython's fnmatchcase to compare with.
import { argumentMessage, InitTypeError } from '@init/random';

const cache = new Map<string, RegExp>();

/** A character outside a class, escaped where the `u` flag's syntax needs it. */
const literal = (char: string): string => (/^[\\^$.*+?()[\]{}|/]$/u.test(char) ? `\\${char}` : char);

/** A character inside a class: `-`, `]`, `[`, `^` and `\` lose their meaning. */
const member = (char: string): string => (/^[\\\]^[-]$/u.test(char) ? `\\${char}` : char);

const codePoint = (char: string): number => char.codePointAt(0) as number;

/**
 * The expression of a class whose characters (after `[` and `[!`, before `]`) are `body`: its
 * pieces between range hyphens, with out-of-order ranges dropped, joined by `-` again.
 */
function classSource(body: readonly string[], negate: boolean): string {
  const pieces: string[][] = [];
  let start = 0;
  // The first character never starts a range's hyphen; after a hyphen, the range's end and the
  // character after it are skipped (that character cannot be a hyphen of a range either).
  for (let at = body.indexOf('-', 1); at >= 0; at = body.indexOf('-', at + 3)) {
    pieces.push(body.slice(start, at));
    start = at + 1;
  }
  const rest = body.slice(start);
  if (rest.length > 0) pieces.push(rest);
  else pieces[pieces.length - 1]!.push('-');
  // Pieces k−1 and k meet in a range (last of k−1 to first of k): drop it when out of order.
  for (let k = pieces.length - 1; k > 0; k--) {
    const before = pieces[k - 1]!;
    const after = pieces[k]!;
    if (codePoint(before[before.length - 1]!) > codePoint(after[0]!)) {
      pieces[k - 1] = [...before.slice(0, -1), ...after.slice(1)];
      pieces.splice(k, 1);
    }
  }
  const members = pieces.map((piece) => piece.map(member).join('')).join('-');
  if (members === '') return negate ? '.' : '(?!)';
  return `[${negate ? '^' : ''}${members}]`;
}

/** fnmatch's translation of a glob into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  if (typeof glob !== 'string') {
    throw new InitTypeError(argumentMessage('globToRegExp', 'glob', 'be a string', glob), 'ERR_INIT_INVALID_ARGUMENT');
  }
  const cached = cache.get(glob);
  if (cached !== undefined) return cached;
  const chars = Array.from(glob);
  let source = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === '*') {
      source += '.*';
    } else if (char === '?') {
      source += '.';
    } else if (char === '[') {
      let j = i + 1;
      if (chars[j] === '!') j++;
      if (chars[j] === ']') j++;
      while (j < chars.length && chars[j] !== ']') j++;
      if (j >= chars.length) {
        source += '\\[';
      } else {
        const negate = chars[i + 1] === '!';
        source += classSource(chars.slice(negate ? i + 2 : i + 1, j), negate);
        i = j;
      }
    } else {
      source += literal(char);
    }
  }
  const regExp = new RegExp(`^(?:${source})$`, 'su');
  cache.set(glob, regExp);
  return regExp;
}

/**
 * True when `glob` matches the whole of `name`, with fnmatchcase's semantics.
 * @throws InitTypeError when `name` or `glob` is not a string.
 */
export function fnmatch(name: string, glob: string): boolean {
  if (typeof name !== 'string') {
    throw new InitTypeError(argumentMessage('fnmatch', 'name', 'be a string', name), 'ERR_INIT_INVALID_ARGUMENT');
  }
  if (typeof glob !== 'string') {
    throw new InitTypeError(argumentMessage('fnmatch', 'glob', 'be a string', glob), 'ERR_INIT_INVALID_ARGUMENT');
  }
  return globToRegExp(glob).test(name);
}
