// The project's error-message form, `<Where>: <argument> must <requirement>. Received: <value>.`
// @init/random builds it for the lower packages; this package depends on @init/core alone, so it
// formats the same text itself. Formatting never calls user code (no toString, no getters).

/** A received value as an error message shows it: `-1`, `"he_nrmal"`, `an object`, `[1, 2]`. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const shown = value.slice(0, 8).map((item: unknown) => (Array.isArray(item) ? '[...]' : describeValue(item)));
    return `[${shown.join(', ')}${value.length > 8 ? ', ...' : ''}]`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return 'an object';
  return `an object of type ${Object.prototype.toString.call(value).slice(8, -1)}`;
}

/** `<where>: <argument> must <requirement>. Received: <value>.` */
export function argumentMessage(where: string, argument: string, requirement: string, received: unknown): string {
  return `${where}: ${argument} must ${requirement}. Received: ${describeValue(received)}.`;
}
