// How a caller wrote an initializer that a function built for them, so that every error the
// initializer finds, at construction or at apply, speaks in the caller's terms.
import { InitTypeError, argumentMessage, isPlainObject } from '@init/random';

/**
 * One option of a class as the caller wrote it: the caller's option name and the value the caller
 * gave, from which the function derived the class's option (`gain: 3` for a VarianceScaling scale
 * of 9).
 */
export interface CallerOption {
  readonly name: string;
  readonly value: unknown;
}

/**
 * How a caller wrote an initializer that a function built for them: `xavierUniform({ gain: 3 })`
 * of `@init/presets` builds `new VarianceScaling({ scale: 9, … }, { name: 'xavierUniform', options:
 * { scale: { name: 'gain', value: 3 } } })`. Every error the initializer throws then starts with
 * `name` (`xavierUniform: …`, not `VarianceScaling: …`), and one about a listed option names the
 * caller's option and value (`gain … Received: 3.5e+38.`, not `scale … Received: 1.225e+77.`);
 * options not listed are named as the class names them (the function passed them through). It is
 * not configuration: `getConfig()` leaves it out, and `deserialize` builds the class under its own
 * name.
 */
export interface CallerNames {
  /** The function the caller called, which every error message starts with. */
  readonly name: string;
  /** The class's options the function derived from the caller's, by the class's option name. */
  readonly options?: { readonly [option: string]: CallerOption };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Checks and copies a {@link CallerNames} (undefined stays undefined).
 * @throws InitTypeError (ERR_INIT_INVALID_ARGUMENT) naming `caller`.
 */
export function readCallerNames(where: string, caller: unknown): CallerNames | undefined {
  if (caller === undefined) return undefined;
  const refuse = (argument: string, value: unknown): never => {
    throw new InitTypeError(
      argumentMessage(
        where,
        argument,
        "be how a function's caller wrote it: { name: 'xavierUniform', options: { scale: { name: 'gain', value: 3 } } }",
        value,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  };
  if (!isPlainObject(caller)) return refuse('caller', caller);
  const name: unknown = caller.name;
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) return refuse('caller.name', name);
  const rawOptions: unknown = caller.options;
  const options: Record<string, CallerOption> = Object.create(null) as Record<string, CallerOption>;
  if (rawOptions !== undefined) {
    if (!isPlainObject(rawOptions)) return refuse('caller.options', rawOptions);
    for (const key of Object.keys(rawOptions)) {
      const entry: unknown = rawOptions[key];
      if (!isPlainObject(entry)) return refuse(`caller.options.${key}`, entry);
      const callerName: unknown = entry.name;
      if (typeof callerName !== 'string' || callerName === '') return refuse(`caller.options.${key}.name`, callerName);
      options[key] = Object.freeze({ name: callerName, value: entry.value });
    }
  }
  return Object.freeze({ name, options: Object.freeze(options) });
}
