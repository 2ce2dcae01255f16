import { main } from './program.js';

const code = await main(process.argv.slice(2));
// process.exit() drops what a pipe has not taken yet (writes to a pipe are asynchronous): wait until
// everything written to stdout and stderr so far is flushed (a big `--json` document would be cut).
await Promise.all(
  [process.stdout, process.stderr].map(
    (stream) => new Promise<void>((resolve) => stream.write('', () => resolve())),
  ),
);
process.exit(code);
