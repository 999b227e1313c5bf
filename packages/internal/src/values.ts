/**
 * True for a plain object: `{ … }` or `Object.create(null)`, from this realm or another (an
 * iframe, a `vm` context). Class instances, arrays, functions, typed arrays and boxed primitives
 * are not plain.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null) return true;
  // Another realm's Object.prototype is the one object whose own prototype is null.
  return Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(value) === '[object Object]';
}

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
let tagGetter: ((this: unknown) => string | undefined) | undefined;
let bufferGetter: ((this: unknown) => ArrayBufferLike) | undefined;

/**
 * The constructor name of a typed array (`'Float32Array'`, …), or undefined for anything else.
 * Read through the %TypedArray%.prototype[Symbol.toStringTag] getter, which a plain object cannot
 * spoof and which works across realms (an array from an iframe or a `vm` context, where
 * `instanceof Float32Array` is false). The one typed-array test of every package here.
 */
export function typedArrayKind(value: unknown): string | undefined {
  if (!ArrayBuffer.isView(value)) return undefined;
  tagGetter ??= Object.getOwnPropertyDescriptor(typedArrayPrototype, Symbol.toStringTag)!.get as (
    this: unknown,
  ) => string | undefined;
  return tagGetter.call(value);
}

/**
 * True when a typed array's buffer has been detached (transferred to a worker, or by
 * `structuredClone(…, { transfer })`): it then reads as length 0 and writing to it does nothing.
 */
export function isDetached(view: ArrayBufferView): boolean {
  if (view.byteLength !== 0) return false;
  bufferGetter ??= Object.getOwnPropertyDescriptor(typedArrayPrototype, 'buffer')!.get as (
    this: unknown,
  ) => ArrayBufferLike;
  const buffer = bufferGetter.call(view);
  if (buffer.byteLength !== 0) return false;
  try {
    // Constructing a view on a detached buffer throws; on a live empty buffer (of any realm, shared
    // or not) it does not.
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}
