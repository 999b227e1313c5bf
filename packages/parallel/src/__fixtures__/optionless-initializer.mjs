// What the setup modules' test initializers share (plain JavaScript, as worker threads load these
// modules as they stand): no options, so float32 and an empty config.
import { Initializer } from '@init/core';

/** An initializer without options: dtype float32, config `{}`. Subclasses add className and generate. */
export class OptionlessInitializer extends Initializer {
  dtype = 'float32';
  getConfig() {
    return {};
  }
}
