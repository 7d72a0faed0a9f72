/**
 * @module CPU time of the PostgreSQL backends serving one database, read from `/proc` (Linux; the
 * backends' process titles name their database). Null elsewhere. A backend that exits between two
 * readings takes its time with it, so the pool under measurement must keep its connections.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` (`getconf CLK_TCK`, 100 on Linux). */
const TICKS_PER_S = 100;

/** The user + system CPU time, in µs, of the backends connected to `database`, or null. */
export function postgresBackendCpuUs(database: string): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of entries) {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.split(' ').includes(database)) continue;
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while it was read.
    }
  }
  return (ticks * 1_000_000) / TICKS_PER_S;
}
