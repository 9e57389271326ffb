import type { SyncStream } from './types';

// How one sync_state row reads on the Settings page. Pure, for the server and the browser.

/** The Telegram worker's streams (workers/telegram), in the order a sync job runs them. */
export const telegramStreams = [
  'history',
  'admin_log',
  'participants',
  'views',
  'reactions',
] as const;

/** The worker's streams in their order, then any others (the demo's) by name. */
export function compareStreams(a: string, b: string): number {
  const rank = (s: string) => {
    const i = (telegramStreams as readonly string[]).indexOf(s);
    return i === -1 ? telegramStreams.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

export interface StreamView {
  /** Done as a share of the total, 0–100, or null when the total is not known. */
  percent: number | null;
  /** Seconds since the last success, or null when it never succeeded. */
  lagSeconds: number | null;
  /** The flood wait's end while it is still ahead, else null. */
  waitingUntil: Date | null;
  state: 'waiting' | 'error' | 'ok' | 'never';
}

export function describeStream(stream: SyncStream, now: Date): StreamView {
  const { progressDone: done, progressTotal: total } = stream;
  const percent =
    total === null
      ? null
      : total <= 0
        ? 100
        : Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
  const lagSeconds = stream.lastSuccessAt
    ? Math.max(0, Math.round((now.getTime() - Date.parse(stream.lastSuccessAt)) / 1000))
    : null;
  const floodEnd = stream.floodWaitUntil ? new Date(stream.floodWaitUntil) : null;
  const waitingUntil = floodEnd && floodEnd.getTime() > now.getTime() ? floodEnd : null;
  const state = waitingUntil
    ? 'waiting'
    : stream.lastError
      ? 'error'
      : stream.lastRunAt
        ? 'ok'
        : 'never';
  return { percent, lagSeconds, waitingUntil, state };
}

export type DurationUnit = 'second' | 'minute' | 'hour' | 'day';

/** A duration in the largest unit that keeps it readable: 45 s, 12 min, 5 h, 3 days. */
export function durationInUnit(seconds: number): { value: number; unit: DurationUnit } {
  if (seconds < 60) return { value: Math.round(seconds), unit: 'second' };
  if (seconds < 90 * 60) return { value: Math.round(seconds / 60), unit: 'minute' };
  if (seconds < 48 * 3600) return { value: Math.round(seconds / 3600), unit: 'hour' };
  return { value: Math.round(seconds / 86_400), unit: 'day' };
}
