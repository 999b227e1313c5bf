import { afterEach, describe, expect, test } from 'vitest';
import {
  fillNormal,
  fillTruncatedNormal,
  fillUniform,
  fillUniformInt,
  InitRangeError,
  InitTypeError,
  keyFromSeed,
  prepareNormal,
  SAMPLING_WORKSPACE_BYTES,
  setKernels,
  withSamplingMemory,
} from '../index.js';
import type { FillDType, SharedMemory } from '../index.js';
import { lastFillKernels } from './sampler.js';
import { WASM_LAYOUT, WORKSPACE_BYTES, assembleSamplingModule } from './emit-wasm.js';

afterEach(() => setKernels('auto'));

// The part of the WebAssembly API used here (the package's TypeScript libs do not describe it).
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => SharedMemory;
  validate(bytes: Uint8Array): boolean;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const WORKSPACES = 2;
const PAGE = 65536;

/** A shared memory with two workspaces and, after them, `outputBytes` of room (plus a page of margin). */
function sharedMemory(outputBytes: number): SharedMemory {
  const pages = Math.ceil((WORKSPACES * SAMPLING_WORKSPACE_BYTES + outputBytes) / PAGE) + 1;
  return new wasm.Memory({ initial: pages, maximum: pages, shared: true });
}

type Fill = (out: Float32Array | Float64Array | Uint16Array, dtype: FillDType) => void;
const key = keyFromSeed(41);
const FILLS: Record<string, Fill> = {
  uniform: (out, dtype) => fillUniform(out, key, { low: -2, high: 3, offset: 7 * 256, dtype }),
  normal: (out, dtype) => fillNormal(out, key, { mean: 1, stddev: 2, offset: 7 * 256, dtype }),
  truncated: (out, dtype) => fillTruncatedNormal(out, key, { offset: 7 * 256, dtype }),
};
const ARRAYS = {
  float32: Float32Array,
  float64: Float64Array,
  float16: Uint16Array,
  bfloat16: Uint16Array,
} as const;

// Lengths of whole batches and a part batch (64 blocks of 256 to a batch), and one that ends inside a
// block; element offsets into the output area that start on a block and inside one.
const LENGTHS = [64 * 256 * 3 + 5 * 256, 64 * 256 + 100];
const STARTS = [0, 3];

describe('withSamplingMemory: fills into a shared memory', () => {
  for (const [name, fill] of Object.entries(FILLS)) {
    for (const dtype of Object.keys(ARRAYS) as FillDType[]) {
      for (const length of LENGTHS) {
        for (const start of STARTS) {
          test(`${name} ${dtype}, ${length} elements from element ${start}: the values of a plain fill, nothing else written`, () => {
            const ArrayClass = ARRAYS[dtype];
            const expected = new ArrayClass(length);
            fill(expected, dtype);
            const memory = sharedMemory((length + 2 * 64) * ArrayClass.BYTES_PER_ELEMENT);
            const bytes = new Uint8Array(memory.buffer);
            // Every byte after the workspaces 0xA5; the output must change only its own.
            const outputArea = WORKSPACES * SAMPLING_WORKSPACE_BYTES;
            bytes.fill(0xa5, outputArea);
            const byteStart = outputArea + (64 + start) * ArrayClass.BYTES_PER_ELEMENT;
            const out = new ArrayClass(memory.buffer as unknown as ArrayBuffer, byteStart, length);
            withSamplingMemory(memory, SAMPLING_WORKSPACE_BYTES, () => fill(out, dtype));
            expect(lastFillKernels()).toBe('webassembly-simd');
            expect(
              Buffer.compare(
                new Uint8Array(out.buffer, out.byteOffset, out.byteLength),
                new Uint8Array(expected.buffer),
              ),
            ).toBe(0);
            const end = byteStart + out.byteLength;
            expect(bytes.subarray(outputArea, byteStart).every((byte) => byte === 0xa5)).toBe(true);
            expect(bytes.subarray(end).every((byte) => byte === 0xa5)).toBe(true);
            // The other workspace is untouched.
            expect(bytes.subarray(0, SAMPLING_WORKSPACE_BYTES).every((byte) => byte === 0)).toBe(true);
          });
        }
      }
    }
  }

  test('whole blocks go straight into the output: the workspace never holds them', () => {
    const memory = sharedMemory(4 * 64 * 256 * 4);
    const out = new Float32Array(memory.buffer, WORKSPACES * SAMPLING_WORKSPACE_BYTES, 4 * 64 * 256);
    const staging = new Float32Array(memory.buffer, SAMPLING_WORKSPACE_BYTES + WASM_LAYOUT.output, 64 * 256);
    withSamplingMemory(memory, SAMPLING_WORKSPACE_BYTES, () => fillNormal(out, key));
    expect(staging.every((value) => value === 0)).toBe(true);
    expect(out.every((value) => value !== 0)).toBe(true);
    // From element 3 on, the batches start inside a block, so they go through the workspace.
    withSamplingMemory(memory, SAMPLING_WORKSPACE_BYTES, () => fillNormal(out.subarray(3), key, { offset: 3 }));
    expect(staging.some((value) => value !== 0)).toBe(true);
    expect(out.subarray(3)).toEqual(fillNormal(new Float32Array(out.length - 3), key, { offset: 3 }));
  });

  test('a workspace whose bytes were overwritten between calls is set up again (the kernels are kept per memory)', () => {
    const memory = sharedMemory(64 * 256 * 4);
    const out = new Float32Array(memory.buffer, WORKSPACES * SAMPLING_WORKSPACE_BYTES, 64 * 256);
    const expected = fillNormal(new Float32Array(64 * 256), key);
    const workspace = new Uint8Array(memory.buffer, SAMPLING_WORKSPACE_BYTES, SAMPLING_WORKSPACE_BYTES);
    for (let call = 0; call < 3; call++) {
      // Between calls the workspace is the caller's: here every table entry and state is garbage.
      workspace.fill(0x5a);
      out.fill(0);
      withSamplingMemory(memory, SAMPLING_WORKSPACE_BYTES, () => fillNormal(out, key));
      expect(lastFillKernels()).toBe('webassembly-simd');
      expect(out, `call ${call}`).toEqual(expected);
    }
  });

  test('an output outside the memory, integers and column runs fill as they always do', () => {
    const memory = sharedMemory(64 * 256 * 8);
    const plain = new Float32Array(5000);
    const ints = new Int32Array(memory.buffer, WORKSPACES * SAMPLING_WORKSPACE_BYTES, 5000);
    const sampler = prepareNormal(key, { stddev: 3, dtype: 'float64' });
    const columns = new Float64Array(memory.buffer, WORKSPACES * SAMPLING_WORKSPACE_BYTES + 8 * 8192, 300);
    withSamplingMemory(memory, 0, () => {
      fillUniform(plain, key);
      fillUniformInt(ints, key, { low: -5, high: 100 });
      // 100 runs of 3: elements 1000·r + 17 … + 19 of a long tensor.
      const runs = Array.from({ length: 100 }, (_, r) => [3 * r, 1000 * r + 17, 3]).flat();
      sampler.fillRuns(columns, runs);
    });
    expect(plain).toEqual(fillUniform(new Float32Array(5000), key));
    expect(Array.from(ints)).toEqual(Array.from(fillUniformInt(new Int32Array(5000), key, { low: -5, high: 100 })));
    const runs = Array.from({ length: 100 }, (_, r) => [3 * r, 1000 * r + 17, 3]).flat();
    expect(columns).toEqual(prepareNormal(key, { stddev: 3, dtype: 'float64' }).fillRuns(new Float64Array(300), runs));
  });

  test('with the JavaScript kernels chosen, the fill runs as it would', () => {
    setKernels('javascript');
    const memory = sharedMemory(4096 * 4);
    const out = new Float32Array(memory.buffer, WORKSPACES * SAMPLING_WORKSPACE_BYTES, 4096);
    withSamplingMemory(memory, 0, () => fillUniform(out, key));
    expect(lastFillKernels()).toBe('javascript');
    setKernels('auto');
    expect(out).toEqual(fillUniform(new Float32Array(4096), key));
  });

  test('an output over the workspace is refused before a value is drawn', () => {
    const memory = sharedMemory(4096 * 4);
    const over = new Float32Array(memory.buffer, SAMPLING_WORKSPACE_BYTES - 64, 4096);
    over.fill(7);
    expect(() => withSamplingMemory(memory, SAMPLING_WORKSPACE_BYTES, () => fillNormal(over, key))).toThrow(
      `withSamplingMemory: out must lie outside the workspace, bytes [${SAMPLING_WORKSPACE_BYTES}, ${2 * SAMPLING_WORKSPACE_BYTES}) of the memory. Received: "bytes [${SAMPLING_WORKSPACE_BYTES - 64}, ${SAMPLING_WORKSPACE_BYTES - 64 + 4 * 4096})".`,
    );
    expect(over.subarray(0, 16).every((value) => value === 7)).toBe(true);
    const inFirst = new Float32Array(memory.buffer, 400, 16);
    expect(() => withSamplingMemory(memory, 0, () => fillUniform(inFirst, key))).toThrow(InitRangeError);
    // Outside the workspace in use (here in the other one, which no thread uses) is fine.
    const outside = new Float32Array(memory.buffer, 0, 4096);
    withSamplingMemory(memory, SAMPLING_WORKSPACE_BYTES, () => fillNormal(outside, key));
    expect(outside).toEqual(fillNormal(new Float32Array(4096), key));
  });

  test('the module compiled for a workspace is valid up to the last one a 4 GiB memory holds', () => {
    // Addresses from 2 GiB on are negative as i32.const immediates and large as memory offsets.
    for (const workspace of [0, 65536, 2 ** 31, 2 ** 32 - WORKSPACE_BYTES]) {
      expect(wasm.validate(assembleSamplingModule(workspace)), String(workspace)).toBe(true);
    }
  });

  test('refuses a memory that is not shared and a workspace it cannot hold', () => {
    const own = new wasm.Memory({ initial: 4 });
    expect(() => withSamplingMemory(own as never, 0, () => 0)).toThrow(InitTypeError);
    expect(() => withSamplingMemory(own as never, 0, () => 0)).toThrow(
      /^withSamplingMemory: memory must be a shared WebAssembly\.Memory\. Received: /,
    );
    const memory = sharedMemory(0);
    for (const workspace of [-PAGE, 100, 1.5, memory.buffer.byteLength, Number.NaN]) {
      expect(() => withSamplingMemory(memory, workspace, () => 0)).toThrow(InitRangeError);
    }
    expect(() => withSamplingMemory(memory, 100, () => 0)).toThrow(
      `withSamplingMemory: workspace must be a multiple of 65536 with ${SAMPLING_WORKSPACE_BYTES} bytes of the memory from it. Received: 100.`,
    );
  });
});
