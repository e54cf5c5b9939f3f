// A stand-in for `patina wasm run` on Node's WASI, with the same command line and exit
// statuses: node node-wasi.mjs [--dir HOST::GUEST]... [--env K=V]... FILE.wasm ARGS...
// A trap prints "error: wasm trap: MESSAGE" and exits with 134, as the Patina CLI does.
// Used to develop and cross-check the test programs: -Dpatina.programs.runner=node
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
let i = 0;
for (; i < argv.length; i++) {
  if (argv[i] === '--dir') {
    const [host, guest] = argv[++i].split('::');
    preopens[guest ?? host] = host;
  } else if (argv[i] === '--env') {
    const kv = argv[++i];
    const eq = kv.indexOf('=');
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  } else {
    break;
  }
}
const [file, ...args] = argv.slice(i);
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env, preopens, returnOnExit: true });
try {
  const module = await WebAssembly.compile(readFileSync(file));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  process.exitCode = wasi.start(instance);
} catch (e) {
  if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
    process.stderr.write(`error: wasm trap: ${e.message}\n`);
    process.exitCode = 134;
  } else {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = 1;
  }
}
