import type { CrawlEvent } from '../crawl/run-crawl.js';

/**
 * Crawl progress on stderr (stdout stays clean for --json): a redrawn bar with ETA and budget left on
 * a TTY, one plain line per finished repository otherwise (logs, CI, pipes).
 */
export interface BudgetView {
  readonly core?: number | undefined;
  readonly graphql?: number | undefined;
}

export interface ProgressReporter {
  readonly onEvent: (event: CrawlEvent) => void;
  /** Clears the bar; call before printing the summary. */
  finish(): void;
}

export interface ProgressOptions {
  readonly stream?: NodeJS.WriteStream;
  readonly budget?: () => BudgetView | undefined;
  readonly now?: () => number;
}

export function createProgressReporter(options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const tty = Boolean(stream.isTTY);
  const started = now();
  let total = 0;
  let done = 0;
  let current = '';
  let drawn = false;
  let lastDraw = 0;

  const draw = (force = false) => {
    if (!tty || (!force && now() - lastDraw < 100)) return;
    lastDraw = now();
    const width = 24;
    const filled = total === 0 ? 0 : Math.round((done / total) * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    const line = `${bar} ${done}/${total} ${formatEta(started, now(), done, total)} ${formatBudget(options.budget?.())} ${current}`;
    const columns = stream.columns ?? 100;
    stream.write(`\r\x1b[2K${line.slice(0, columns - 1)}`);
    drawn = true;
  };

  return {
    onEvent(event) {
      switch (event.type) {
        case 'crawl-start':
          total = event.total;
          if (!tty) stream.write(`crawl: ${total} repositories\n`);
          draw(true);
          break;
        case 'stage-start':
          current = `${event.fullName} ${event.stage}`;
          draw();
          break;
        case 'stage-done':
          current = `${event.fullName} ${event.result.stage} ${event.result.rows} rows`;
          draw();
          break;
        case 'stage-failed':
          if (!tty)
            stream.write(`crawl: ${event.fullName} ${event.failure.stage} failed: ${event.failure.code}\n`);
          draw();
          break;
        case 'repository-done': {
          done = event.done;
          const s = event.summary;
          const rows = s.stages.reduce((sum, r) => sum + r.rows, 0);
          if (tty) draw(true);
          else
            stream.write(
              `crawl: [${event.done}/${event.total}] ${s.fullName} ${s.state} rows=${rows} ${(s.durationMs / 1000).toFixed(1)}s ${formatBudget(options.budget?.())}\n`,
            );
          break;
        }
      }
    },
    finish() {
      if (tty && drawn) stream.write('\r\x1b[2K');
    },
  };
}

export function formatEta(startedMs: number, nowMs: number, done: number, total: number): string {
  if (done === 0 || total === 0) return 'ETA --:--';
  const remainingMs = ((nowMs - startedMs) / done) * (total - done);
  const seconds = Math.round(remainingMs / 1000);
  return `ETA ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function formatBudget(budget: BudgetView | undefined): string {
  if (!budget) return '';
  const parts: string[] = [];
  if (budget.core !== undefined) parts.push(`core ${budget.core}`);
  if (budget.graphql !== undefined) parts.push(`graphql ${budget.graphql}`);
  return parts.length > 0 ? `budget ${parts.join(' ')}` : '';
}
