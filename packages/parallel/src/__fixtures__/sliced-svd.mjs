// A setup module for the tests: an initializer that is not an Orthogonal (so @init/parallel cuts it
// into slices for its workers) but whose every slice runs Orthogonal's method 'svd', the
// opt-in that each worker must have enabled as the calling thread has.
import { Orthogonal } from '@init/core';
import { OptionlessInitializer } from './optionless-initializer.mjs';

/** The values of `new Orthogonal({ method: 'svd', seed: 9 })`, slice for slice. */
export class SlicedSvdOrthogonal extends OptionlessInitializer {
  static className = 'SlicedSvdOrthogonal';
  generate(out, request) {
    new Orthogonal({ method: 'svd', seed: 9 }).fill(out, request.shape, {
      dtype: request.dtype,
      ...(request.partition === undefined ? {} : { partitionInfo: request.partition }),
    });
  }
}

export const classes = [SlicedSvdOrthogonal];
