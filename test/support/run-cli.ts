import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const VITALS_BIN = fileURLToPath(new URL('../../bin/vitals.js', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/vitals.js ...args` as a real process. The child gets a clean environment: the
 * parent's variables minus every OSS Vitals setting, plus `env` (e.g. DATABASE_URL or
 * VITALS_DATA_DIR). Resolves when the process exits by itself (a hang fails the test by timeout).
 */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(DATABASE_URL|REDIS_URL|VITALS_|GITHUB_|LOG_LEVEL)/.test(key),
    ),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITALS_BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...base, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
