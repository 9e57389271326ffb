import { z } from 'zod';
import { isIsoTime } from '../api/schemas';
import {
  isValueSort,
  segmentSorts,
  sortDirections,
  type SegmentSort,
  type SortDirection,
} from './filters';

// A page cursor is the sort value and fan id of the page's last row, with the sort order it
// belongs to: the value is cast to the sort column's type (timestamptz or numeric), so it
// is checked as that type before any SQL runs, and a cursor of another order is refused
// rather than silently comparing a time with an amount. A value sort's cursor may hold no
// value: the page ended among the fans without one, which come last, by fan id.

export interface SegmentCursor {
  sort: SegmentSort;
  dir: SortDirection;
  /**
   * The sort column of the last row: an ISO time, a decimal amount for spend, a float8 as
   * Postgres writes it for CLV and P(alive), a score 1–5; null past the fans with a value.
   */
  value: string | null;
  fanId: number;
}

const decimal = /^-?\d{1,20}(\.\d{1,20})?$/;
// float8::text: the shortest text that reads back as the same double (1e-05, 123.45).
const float = /^-?\d{1,20}(\.\d{1,20})?(e[+-]?\d{1,3})?$/;
const scoreValue = /^[1-5]$/;

/** Whether `value` reads back as the sort column's type (null: only for a value sort). */
export function isSortValue(sort: SegmentSort, value: string | null): boolean {
  if (value === null) return isValueSort(sort);
  switch (sort) {
    case 'spend':
      return decimal.test(value);
    case 'clv':
    case 'p_alive':
      return float.test(value);
    case 'r_score':
    case 'f_score':
    case 'm_score':
      return scoreValue.test(value);
    default:
      return isIsoTime(value);
  }
}

export function encodeCursor(cursor: SegmentCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.sort, cursor.dir, cursor.value, cursor.fanId]),
  ).toString('base64url');
}

function decode(text: string): SegmentCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [sort, dir, sortValue, fanId] = value as unknown[];
  if (!segmentSorts.includes(sort as SegmentSort)) return null;
  if (!sortDirections.includes(dir as SortDirection)) return null;
  if (sortValue !== null && typeof sortValue !== 'string') return null;
  if (!isSortValue(sort as SegmentSort, sortValue)) return null;
  if (typeof fanId !== 'number' || !Number.isSafeInteger(fanId) || fanId < 1) return null;
  return { sort: sort as SegmentSort, dir: dir as SortDirection, value: sortValue, fanId };
}

/** The `after` query value: a cursor this API gave out, decoded and checked. */
export const cursorSchema = z
  .string()
  .max(200, 'is not a cursor this page gave out')
  .transform((text, ctx) => {
    const cursor = decode(text);
    if (cursor) return cursor;
    ctx.addIssue({
      code: 'custom',
      message: 'is not a cursor this page gave out',
      params: { code: 'invalid_cursor' },
    });
    return z.NEVER;
  });
