import { z } from 'zod';
import { idSchema, isIsoTime } from '../api/schemas';

// The timeline's keyset cursor: the last entry's (time, kind, id), as base64url JSON. It is
// only a position in the (time, kind, id) order, not a capability: another fan's cursor
// reads this fan's entries older than that position, which the reader may see anyway.

export const timelineKinds = ['event', 'purchase', 'stage'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export interface TimelinePosition {
  /** The entry's time as stored, with microseconds (a Date would lose them). */
  at: string;
  kind: TimelineKind;
  id: number;
}

export function encodeCursor({ at, kind, id }: TimelinePosition): string {
  return Buffer.from(JSON.stringify([at, kind, String(id)])).toString('base64url');
}

const garbled = {
  message: 'must be the nextCursor of the previous page',
  params: { code: 'invalid_cursor' },
};

// Each part is checked as what the query casts it to: the time as timestamptz (a real
// calendar day in years 1–9999, the rule of timeSchema), the id as bigint (idSchema).
const parts = z.tuple([
  z.string().refine(isIsoTime, garbled),
  z.enum(timelineKinds, garbled),
  idSchema,
]);

/** A cursor from a query string, decoded into its parts; garbled ones are refused. */
export const cursorSchema = z
  .string()
  .max(200, 'must be the nextCursor of the previous page')
  .transform((cursor, ctx): TimelinePosition => {
    let json: unknown;
    try {
      if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
      json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      json = undefined;
    }
    const parsed = parts.safeParse(json);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', ...garbled });
      return z.NEVER;
    }
    const [at, kind, id] = parsed.data;
    return { at, kind, id };
  });
