// Python's fnmatch.fnmatchcase, the rule language of a spec: `*` any run of characters (dots and
// slashes included), `?` one character, `[seq]` one of seq, `[!seq]` one not in seq; everything
// else matches itself. The glob must match the whole name.

const cache = new Map<string, RegExp>();

/** fnmatch's translation of a glob into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached !== undefined) return cached;
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*') {
      source += '.*';
    } else if (char === '?') {
      source += '.';
    } else if (char === '[') {
      // A class runs to the next ']' (a ']' right after '[' or '[!' belongs to the class); with no
      // closing ']' the '[' is a literal, as in Python.
      let j = i + 1;
      if (glob[j] === '!') j++;
      if (glob[j] === ']') j++;
      while (j < glob.length && glob[j] !== ']') j++;
      if (j >= glob.length) {
        source += '\\[';
      } else {
        let body = glob.slice(i + 1, j);
        const negate = body.startsWith('!');
        if (negate) body = body.slice(1);
        const escaped = body.replace(/[\\^\]]/g, (c) => `\\${c}`);
        source += negate ? `[^${escaped}]` : `[${escaped}]`;
        i = j;
      }
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  const regExp = new RegExp(`^(?:${source})$`, 's');
  cache.set(glob, regExp);
  return regExp;
}

/** True when `glob` matches the whole of `name`, with fnmatchcase's semantics. */
export function fnmatch(name: string, glob: string): boolean {
  return globToRegExp(glob).test(name);
}
