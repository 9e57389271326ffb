import { z } from 'zod';
import { isIsoTime } from '../api/schemas';
import { segmentSorts, sortDirections, type SegmentSort, type SortDirection } from './filters';

// A page cursor is the sort value and fan id of the page's last row, with the sort order it
// belongs to: the value is cast to the sort column's type (timestamptz or numeric), so it
// is checked as that type before any SQL runs, and a cursor of another order is refused
// rather than silently comparing a time with an amount.

export interface SegmentCursor {
  sort: SegmentSort;
  dir: SortDirection;
  /** The sort column of the last row: an ISO time, or a decimal amount for spend. */
  value: string;
  fanId: number;
}

const decimal = /^-?\d{1,20}(\.\d{1,20})?$/;

/** Whether `value` reads back as the sort column's type. */
export const isSortValue = (sort: SegmentSort, value: string) =>
  sort === 'spend' ? decimal.test(value) : isIsoTime(value);

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
  if (typeof sortValue !== 'string' || !isSortValue(sort as SegmentSort, sortValue)) return null;
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
