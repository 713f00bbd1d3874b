import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** What Linux /proc tells about a process. Resident memory: now, and the peak since start or since the last reset. */
export interface ProcessMemory {
  rssBytes: number;
  peakRssBytes: number;
}

export function processMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rssBytes: kilobytes('VmRSS'), peakRssBytes: kilobytes('VmHWM') };
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): index 0 is field 3, `state`. */
const statFields = (pid: number): string[] => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');

/** /proc counts CPU time in clock ticks, 100 a second on Linux. */
const TICKS = 100;

/** CPU time (user + system) a process has used so far, in seconds. */
export function processCpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/**
 * CPU time of a PostgreSQL server listening on `port`: its postmaster, the backends and helpers it
 * runs, and those that already ended (their time is added to the postmaster's children's time).
 */
export function postgresCpuSeconds(port: number): number {
  const pids = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
  const cmdline = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      return [];
    }
  };
  const postmaster = pids.find((pid) => {
    const args = cmdline(pid);
    return args[0]?.endsWith('/postgres') && args.includes('-p') && args[args.indexOf('-p') + 1] === String(port);
  });
  if (postmaster === undefined) throw new Error(`No PostgreSQL server on port ${port}`);
  const own = statFields(postmaster);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of pids) {
    try {
      const fields = statFields(pid);
      if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Ended meanwhile: counted with the postmaster's children.
    }
  }
  return ticks / TICKS;
}

/** Resets VmHWM to the current RSS (clear_refs 5), so the next peak belongs to what runs next; false if not allowed. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples a process's RSS while something runs: the peak even where VmHWM cannot be reset. */
export class RssSampler {
  private maxBytes = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    this.maxBytes = processMemory(this.pid).rssBytes;
    this.timer = setInterval(() => {
      try {
        this.maxBytes = Math.max(this.maxBytes, processMemory(this.pid).rssBytes);
      } catch {
        // The process ended: keep what was seen.
      }
    }, this.intervalMs);
  }

  /** The peak: the larger of the samples and VmHWM (when it was reset at start). */
  stop(peakSinceReset?: number): number {
    clearInterval(this.timer);
    return Math.max(this.maxBytes, peakSinceReset ?? 0);
  }
}
