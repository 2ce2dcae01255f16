import { main } from './program.js';

process.exit(await main(process.argv.slice(2)));
