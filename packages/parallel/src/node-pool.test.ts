import { expect, test } from 'vitest';
import { workerExecArgv } from './node-pool.js';

test.each([
  [['--input-type=module', '-e', 'code'], []],
  [['--input-type', 'module', '--eval', 'code', '--conditions=x'], ['--conditions=x']],
  [
    ['-p', '1+1', '--max-old-space-size=4096', '--import', 'tsx'],
    ['--max-old-space-size=4096', '--import', 'tsx'],
  ],
  [['--enable-source-maps'], ['--enable-source-maps']],
])('workers keep the parent options %j except the main-script ones', (parent, expected) => {
  expect(workerExecArgv(parent)).toEqual(expected);
});
