import { InitRangeError, InitTypeError, argumentMessage } from '@init/random';

/**
 * Option checks shared by the initializers, each producing the project's message form
 * `<Class>: <argument> must <what holds>. Received: <value>.`
 */

export function finiteNumber(where: string, argument: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw numberError(where, argument, 'be a finite number', value);
}

export function positiveNumber(where: string, argument: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw numberError(where, argument, 'be a positive finite number', value);
}

export function nonNegativeNumber(where: string, argument: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw numberError(where, argument, 'be a non-negative finite number', value);
}

/** One of a fixed list of names; the message lists them. */
export function oneOf<T extends string>(where: string, argument: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InitTypeError(
    argumentMessage(where, argument, `be one of ${allowed.map((name) => `'${name}'`).join(', ')}`, value),
    'ERR_INIT_UNKNOWN_IDENTIFIER',
  );
}

function numberError(where: string, argument: string, requirement: string, value: unknown): Error {
  return typeof value === 'number'
    ? new InitRangeError(argumentMessage(where, argument, requirement, value), 'ERR_INIT_INVALID_ARGUMENT')
    : new InitTypeError(argumentMessage(where, argument, requirement, value), 'ERR_INIT_INVALID_ARGUMENT');
}
