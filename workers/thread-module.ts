/**
 * Starts a worker thread running one of golive's modules, compiled (dist/, production) or as
 * TypeScript source (tests and `ts-jest` runs, where there is no .js beside it): a source module
 * is transpiled on load with the TypeScript compiler, types unchecked, as ts-jest does.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Runs in the thread before a .ts module loads: teaches require() to transpile TypeScript. */
const TS_LOADER = `
const ts = require(require('node:worker_threads').workerData.__typescript);
const fs = require('node:fs');
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
require(require('node:worker_threads').workerData.__module);
`;

/** `file` without extension, next to the caller (its __dirname); loaded as .js when compiled, else .ts. */
export function startModuleThread(dir: string, file: string, workerData: Record<string, unknown> = {}): Worker {
  const compiled = path.join(dir, `${file}.js`);
  if (path.extname(__filename) === '.js') return new Worker(compiled, { workerData });
  return new Worker(TS_LOADER, { eval: true, workerData: { ...workerData, __module: path.join(dir, `${file}.ts`), __typescript: require.resolve('typescript') } });
}
