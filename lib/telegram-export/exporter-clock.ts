import { ExportFormatError } from './errors';

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** A local wall-clock time as the exporter writes it, read as if it were UTC. */
export function parseLocalTime(text: string): number {
  const ms = LOCAL_TIME.test(text) ? Date.parse(`${text}Z`) : NaN;
  if (Number.isNaN(ms)) throw new ExportFormatError(`"${text}" is not a local time`);
  return ms;
}

/**
 * The exporting machine's UTC offset over time, learnt from messages that carry both the
 * local `date` and `date_unixtime`. Kept as runs of one offset (a time-zone change starts
 * a new run), so it stays tiny however many messages there are.
 */
export class ExporterClock {
  private runs: { from: number; to: number; offset: number }[] = [];

  observe(localDate: string, unixtime: string): void {
    const local = parseLocalTime(localDate);
    const offset = local - Number(unixtime) * 1000;
    // Messages come in time order within a chat: a run grows until the offset changes.
    const run = this.runs.at(-1)?.offset === offset ? this.runs.at(-1) : undefined;
    if (run) {
      run.from = Math.min(run.from, local);
      run.to = Math.max(run.to, local);
    } else this.runs.push({ from: local, to: local, offset });
  }

  /**
   * UTC for a local-only time, with the offset seen on the message nearest in time that
   * carries both; UTC itself when none does.
   */
  toUtc(localDate: string): Date {
    const local = parseLocalTime(localDate);
    let best: { distance: number; offset: number } | null = null;
    for (const run of this.runs) {
      const distance = local < run.from ? run.from - local : local > run.to ? local - run.to : 0;
      if (!best || distance < best.distance) best = { distance, offset: run.offset };
    }
    return new Date(local - (best?.offset ?? 0));
  }
}
