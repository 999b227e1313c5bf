// Source shared by @init/random and @init/linalg, which depend on nothing of each other: the
// message form every @init error uses, and the realm-safe tests of plain objects and typed arrays.
// Each package's build inlines what it uses (tsup `noExternal`), so neither ships a dependency on
// this private package; see the README.
export { argumentMessage, describeValue, optionPath } from './messages.js';
export { isDetached, isPlainObject, typedArrayKind } from './values.js';
