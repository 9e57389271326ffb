import { describe, expect, it } from 'vitest';
import { fieldIssuesOf } from '../api/errors';
import { cursorSchema, encodeCursor } from './timeline-cursor';

const raw = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
const refusal = (cursor: string) => {
  const parsed = cursorSchema.safeParse(cursor);
  return parsed.success ? 'accepted' : fieldIssuesOf(parsed.error, 'query.cursor')[0]!;
};

describe('timeline cursor', () => {
  it('gives back the position it was made from, microseconds and all', () => {
    const at = '2026-09-20T00:00:00.123456Z';
    expect(cursorSchema.parse(encodeCursor({ at, kind: 'stage', id: 3 }))).toEqual({
      at,
      kind: 'stage',
      id: 3,
    });
  });

  // Date.parse rolls 30 February over to 2 March and reads year 0000; Postgres refuses both
  // (a 500 before): each part is checked as what the query casts it to.
  it.each([
    ['30 February', raw(['2026-02-30T00:00:00Z', 'event', '5'])],
    ['year 0000', raw(['0000-01-01T00:00:00Z', 'event', '5'])],
    ['hour 24', raw(['2026-01-01T24:00:00Z', 'event', '5'])],
    ['a time without zone', raw(['2026-01-01T00:00:00', 'event', '5'])],
    ['an unknown kind', raw(['2026-01-01T00:00:00Z', 'post', '5'])],
    ['an id beyond bigint', raw(['2026-01-01T00:00:00Z', 'event', '99999999999999999999'])],
    ['id 0', raw(['2026-01-01T00:00:00Z', 'event', '0'])],
    ['a numeric id', raw(['2026-01-01T00:00:00Z', 'event', 5])],
    ['too few parts', raw(['2026-01-01T00:00:00Z', 'event'])],
    ['garbage base64', 'bm90IGpzb24'],
    ['not base64url', '%%%'],
    ['empty', ''],
    ['overlong', 'A'.repeat(201)],
  ])('refuses %s as query.cursor', (_, cursor) => {
    expect(refusal(cursor)).toMatchObject({
      path: 'query.cursor',
      code: cursor.length > 200 ? 'too_big' : 'invalid_cursor',
    });
  });
});
