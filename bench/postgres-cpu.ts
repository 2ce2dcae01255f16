import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds used so far by every `postgres` process of this machine (Linux /proc; NaN elsewhere),
 * or only by the given process ids (e.g. a benchmark's own backends, from pg_stat_activity).
 * Machine-wide, the CPU of exited backends is kept: the postmaster reaped them, so it is in its
 * children's times (cutime/cstime). Given pids, backends that exit in between drop out, so read it
 * while the benchmark's connections are still open.
 */
export function postgresCpuSeconds(pids?: readonly number[]): number {
  try {
    const ticksPerSecond = 100; // USER_HZ on Linux
    let ticks = 0;
    const candidates = pids?.map(String) ?? readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    for (const pid of candidates) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
      if (!pids) ticks += Number(fields[13]) + Number(fields[14]); // cutime, cstime (16 and 17)
    }
    return ticks / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}
