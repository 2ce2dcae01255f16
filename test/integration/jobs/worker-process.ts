import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const VITALS_BIN = fileURLToPath(new URL('../../../bin/vitals.js', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Worker flags for tests: a killed worker's jobs are taken over within a few seconds. */
export const FAST_RECOVERY = [
  '--lock-duration',
  '4000',
  '--stalled-interval',
  '1000',
  '--drain-timeout',
  '5',
];

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

/** `node bin/vitals.js worker …` as a real process with `env` (and nothing else of ours). */
export function startWorkerProcess(env: Record<string, string>, args: readonly string[] = []): WorkerProcess {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(DATABASE_URL|REDIS_URL|VITALS_|GITHUB_|LOG_LEVEL)/.test(key),
    ),
  );
  const child = spawn(process.execPath, [VITALS_BIN, 'worker', ...FAST_RECOVERY, ...args], {
    cwd: REPO_ROOT,
    env: { ...base, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

/** SIGTERM and wait (the drain), or SIGKILL after `graceMs`. */
export async function stopWorkerProcess(worker: WorkerProcess, graceMs = 15_000): Promise<number | null> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return worker.child.exitCode;
  worker.child.kill('SIGTERM');
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), graceMs);
  try {
    return await worker.exited;
  } finally {
    clearTimeout(timer);
  }
}
