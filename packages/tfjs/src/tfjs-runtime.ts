// What this package needs from TensorFlow.js at run time, reached through public API only and
// looked up on first use (importing this package does nothing): the initializer base class of
// tfjs-layers, its serialization registry, and the conversion of @init tensors to tf.Tensors.
import { serialization, tensor, type DataType, type Tensor as TfTensor } from '@tensorflow/tfjs-core';
import { initializers } from '@tensorflow/tfjs-layers';
import type { Tensor } from '@init/core';

/** A TensorFlow.js initializer: what `kernelInitializer`, `biasInitializer` and friends accept. */
export type TfjsInitializer = ReturnType<typeof initializers.ones>;

/** The constructor of a TensorFlow.js initializer class, as its serialization registry stores it. */
export interface TfjsInitializerClass {
  readonly className: string;
  readonly prototype: TfjsInitializer;
  new (...args: never[]): TfjsInitializer;
}

/** An entry of `serialization.SerializationMap.getMap().classNameMap`: the class and its fromConfig. */
export type RegistryEntry = [TfjsInitializerClass, unknown];

/**
 * tfjs-layers' `Initializer` base class. It is not exported by name (only the factories are), so
 * it is read off an instance that a public factory makes: `tf.initializers.zeros()` is a `Zeros`,
 * whose parent class is `Initializer`. Layers test `identifier instanceof Initializer`, so an
 * adapter must extend exactly this class of the copy of tfjs-layers the app uses.
 */
export function tfjsInitializerBase(): new () => TfjsInitializer {
  const zerosClass = initializers.zeros().constructor;
  return Object.getPrototypeOf(zerosClass) as new () => TfjsInitializer;
}

/** The registry TensorFlow.js deserializes initializers (and layers, models…) from. */
export function classNameMap(): Record<string, RegistryEntry | undefined> {
  return serialization.SerializationMap.getMap().classNameMap as unknown as Record<string, RegistryEntry | undefined>;
}

/**
 * An @init tensor as a tf.Tensor of the dtype TensorFlow.js asked for. TensorFlow.js initializers
 * make float32 tensors, and int32 when asked (values truncated toward zero, as TensorFlow.js's own
 * random ops store a double into an Int32Array).
 */
export function toTfTensor(values: Tensor, dtype: DataType | undefined): TfTensor {
  const shape = [...values.shape];
  if (dtype === 'int32') {
    return tensor(
      values.data instanceof Int32Array ? values.data : Int32Array.from(values.data as Float32Array, Math.trunc),
      shape,
      'int32',
    );
  }
  return tensor(values.data as Float32Array, shape, 'float32');
}
