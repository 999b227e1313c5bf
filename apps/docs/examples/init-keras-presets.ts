import { GlorotNormal, GlorotUniform, heNormal, HeUniform, LecunNormal, LecunUniform } from '@init/presets';

const shape = [256, 128]; // fanIn 256, fanOut 128
for (const init of [
  new GlorotUniform({ seed: 1 }),
  new GlorotNormal({ seed: 1 }),
  new HeUniform({ seed: 1 }),
  heNormal({ seed: 1 }),
  new LecunUniform({ seed: 1 }),
  new LecunNormal({ seed: 1 }),
]) {
  const values = init.apply(shape, 'float64').data;
  const std = Math.sqrt(values.reduce((sum, x) => sum + x * x, 0) / values.length);
  console.log(
    `${init.className.padEnd(13)} scale ${init.scale} ${init.mode.padEnd(7)} ${init.distribution.padEnd(16)} std ${std.toFixed(5)}`,
  );
}
