import type { SQL } from 'drizzle-orm';
import { inline } from './sql-arrays';

/**
 * Rows travel to Postgres as one jsonb constant and come out with jsonb_to_recordset:
 * one statement per table per batch, whatever the batch size, and no parameter limit.
 */
export function jsonRows(rows: readonly unknown[]): SQL {
  return inline(JSON.stringify(rows), 'jsonb');
}

/** Keeps the last row per key: later records in a batch win, as if applied in order. */
export function lastByKey<T>(rows: readonly T[], key: (row: T) => string | number): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}
