#!/usr/bin/env -S node --max-semi-space-size=32
// A crawl allocates a parsed page after page, most of it dead before the next: a 32 MB young
// generation (16 MB by default) halves the scavenges — crawler CPU −0.1…0.2 s per 48k rows
// (npm run bench -- ingest), peak RSS of a 1M-commit crawl 271 MB (npm run bench -- memory).
// Runs the compiled CLI when `npm run build` has produced it, else the TypeScript sources through tsx,
// so a checkout works right after `npm ci` with no build step.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
