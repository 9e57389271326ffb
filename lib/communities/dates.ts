import { dateSchema } from '../api/schemas';

// Calendar days as 'YYYY-MM-DD' strings; arithmetic is done in UTC so no zone shifts them.
const dayMs = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** Today's date in an IANA time zone, e.g. the community's. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

/** A day string as a Date at UTC midnight, for formatting with timeZone 'UTC'. */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Whether `day` is a calendar date Postgres reads as written (lib/api/schemas' dateSchema). */
export const isDate = (day: string): boolean => dateSchema.safeParse(day).success;
