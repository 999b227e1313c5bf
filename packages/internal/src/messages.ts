/**
 * Formats a received value for an error message: `-1`, `NaN`, `"fan_sideways"`, `[2, -3]`,
 * `18446744073709551616n`, `an object of class Foo`. Never calls user code (no toString, no getters).
 */
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
    const shown = value.slice(0, 8).map((item) => (Array.isArray(item) ? '[...]' : describeValue(item)));
    return `[${shown.join(', ')}${value.length > 8 ? ', ...' : ''}]`;
  }
  if (ArrayBuffer.isView(value)) {
    const kind = Object.prototype.toString.call(value).slice(8, -1);
    // 'an Int32Array', 'a Uint8Array' (said "you"), 'a Float32Array'.
    return `${/^[AEIO]/.test(kind) ? 'an' : 'a'} ${kind} of length ${(value as unknown as ArrayLike<unknown>).length ?? value.byteLength}`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return 'an object';
  const constructorName = Object.prototype.toString.call(value).slice(8, -1);
  return `an object of type ${constructorName}`;
}

/**
 * Builds the project's message form, `<where>: <argument> must <requirement>. Received: <value>.`,
 * as in `VarianceScaling: scale must be a positive finite number. Received: -1.`
 */
export function argumentMessage(where: string, argument: string, requirement: string, received: unknown): string {
  return `${where}: ${argument} must ${requirement}. Received: ${describeValue(received)}.`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** How a message names an option: `name`, or `options["odd key"]` for a key that is not an identifier. */
export function optionPath(key: string): string {
  const shown = key.length > 60 ? `${key.slice(0, 57)}...` : key;
  return IDENTIFIER.test(key) ? shown : `options[${JSON.stringify(shown)}]`;
}
