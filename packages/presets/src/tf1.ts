// The seed's TF1 aliases (tensorflow/python/ops/init_ops.py), with the seed's own semantics:
// each snake_case name is the class itself, so `new constant_initializer({ value })` works as
// `tf.constant_initializer(value)` did. snake_case appears only here, at the package edge.
import { Constant, Ones, Zeros } from '@init/core';

/** TF1's `zeros_initializer`: the class {@link Zeros}. */
export const zeros_initializer = Zeros;
/** TF1's `ones_initializer`: the class {@link Ones}. */
export const ones_initializer = Ones;
/** TF1's `constant_initializer`: the class {@link Constant}. */
export const constant_initializer = Constant;
