import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { seedValueShop } from '../growth/testing/value-seed';
import { cursorSchema, encodeCursor } from './cursor';
import { parseSegmentFilters, type SegmentFilters } from './filters';
import {
  countSegment,
  getSegmentPage,
  resolveFilters,
  segmentRowsQuery,
  type SegmentFan,
  type SegmentRow,
} from './query';
import { listSegments, saveSegment } from './saved';

// Segments by value (R, F, M, P(alive), CLV) on the hand-made shop of
// lib/growth/testing/value-seed.ts. Each fan's value (CLV summed over its customers, the
// rest from its highest-CLV customer):
//   fan  1: 300 0.8 5-4-3   2: 200 0.3 2-2-4   3: 50 0.1 1-1-2   4: 900 0.95 5-5-5
//   fan  5: 40 0.5 3-3-3    6: 1500 0.99 5-5-5   8: 5 0.05 1-1-1
//   fans 7, 9, 10: none (no linked customer).

let db: Database;
let fanIds: Record<number, number>;
beforeAll(async () => {
  ({ db } = await useTestDb());
  ({ fanIds } = await seedValueShop(db));
});

const filters = (input: Record<string, unknown>): SegmentFilters => {
  const parsed = parseSegmentFilters(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.filters;
};
const numbers = (fans: SegmentFan[]) =>
  fans.map((f) => Number(Object.entries(fanIds).find(([, id]) => id === f.fanId)![0]));

/** Every page of `size` fans, following the cursors. */
async function allPages(f: SegmentFilters, size: number, personal = true) {
  const seen: SegmentFan[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page = await getSegmentPage(db, f, {
      after: after === null ? undefined : cursorSchema.parse(after),
      personal,
      size,
    });
    seen.push(...page.fans);
    if (!page.nextCursor) return seen;
    after = page.nextCursor;
  }
  throw new Error('more than 20 pages');
}

describe('segments by value', () => {
  it('sorts by each value, fans without one last by fan id, the same in pages of any size', async () => {
    const orders: Record<string, number[]> = {
      'clv desc': [6, 4, 1, 2, 3, 5, 8, 10, 9, 7],
      'clv asc': [8, 5, 3, 2, 1, 4, 6, 7, 9, 10],
      'p_alive desc': [6, 4, 1, 5, 2, 3, 8, 10, 9, 7],
      'p_alive asc': [8, 3, 2, 5, 1, 4, 6, 7, 9, 10],
      'r_score desc': [6, 4, 1, 5, 2, 8, 3, 10, 9, 7],
      'r_score asc': [3, 8, 2, 5, 1, 4, 6, 7, 9, 10],
      'f_score desc': [6, 4, 1, 5, 2, 8, 3, 10, 9, 7],
      'm_score desc': [6, 4, 2, 5, 1, 3, 8, 10, 9, 7],
      'm_score asc': [8, 3, 1, 5, 2, 4, 6, 7, 9, 10],
    };
    for (const [order, expected] of Object.entries(orders)) {
      const [sort, dir] = order.split(' ');
      const f = filters({ sort, dir });
      for (const size of [1, 2, 3, 7, 8, 50])
        expect([order, size, numbers(await allPages(f, size))]).toEqual([order, size, expected]);
      // The export reads the same order in one query.
      const rows = await db.execute<SegmentRow>(
        segmentRowsQuery(await resolveFilters(db, f), { personal: false }),
      );
      expect([order, rows.map((r) => r.fanId)]).toEqual([order, expected.map((n) => fanIds[n])]);
    }
  });

  it('gives each row its value, and none to a fan without a linked customer', async () => {
    const [first] = (await getSegmentPage(db, filters({ sort: 'clv' }), { personal: false })).fans;
    expect(first).toMatchObject({
      fanId: fanIds[6],
      name: null,
      value: { clv12m: 1500, pAlive: 0.99, r: 5, f: 5, m: 5 },
    });
    const fan2 = (await allPages(filters({ sort: 'clv' }), 50)).find((f) => f.fanId === fanIds[2]);
    expect(fan2!.value).toEqual({ clv12m: 200, pAlive: 0.3, r: 2, f: 2, m: 4 });
    const last = (await allPages(filters({ sort: 'clv' }), 50)).at(-1);
    expect([last!.fanId, last!.value, last!.name]).toEqual([fanIds[7], null, 'Fan 7']);
  });

  it('filters by CLV, P(alive) and scores, leaving out fans without a value', async () => {
    const count = (input: Record<string, unknown>) => countSegment(db, filters(input));
    const members = async (input: Record<string, unknown>) =>
      numbers(await allPages(filters({ sort: 'joined_at', dir: 'asc', ...input }), 50)).sort(
        (a, b) => a - b,
      );
    expect(await members({ clvMin: '100' })).toEqual([1, 2, 4, 6]);
    expect(await members({ clvMax: '100' })).toEqual([3, 5, 8]);
    expect(await members({ clvMin: '100', clvMax: '500' })).toEqual([1, 2]);
    expect(await members({ clvMin: '0' })).toEqual([1, 2, 3, 4, 5, 6, 8]);
    expect(await members({ pAliveMin: '0.5' })).toEqual([1, 4, 5, 6]);
    expect(await members({ pAliveMax: '0.3' })).toEqual([2, 3, 8]);
    expect(await members({ rMin: '5' })).toEqual([1, 4, 6]);
    expect(await members({ rMax: '1' })).toEqual([3, 8]);
    expect(await members({ fMin: '4' })).toEqual([1, 4, 6]);
    expect(await members({ mMin: '4', mMax: '4' })).toEqual([2]);
    expect(await members({ stage: 'at_risk', rMin: '1' })).toEqual([1, 2, 3]);
    expect(await count({ stage: 'at_risk' })).toBe(4);
    expect(await count({ stage: 'at_risk', clvMin: '0' })).toBe(3);
    expect(await count({ rMin: '1', rMax: '5' })).toBe(7);
    // Sorted by a value with a bound on it or on a score: only fans with that value.
    expect(numbers(await allPages(filters({ sort: 'clv', clvMin: '40' }), 2))).toEqual([
      6, 4, 1, 2, 3, 5,
    ]);
    expect(
      numbers(await allPages(filters({ sort: 'r_score', dir: 'asc', pAliveMin: '0.1' }), 2)),
    ).toEqual([3, 2, 5, 1, 4, 6]);
    expect(numbers(await allPages(filters({ sort: 'clv', stage: 'at_risk' }), 3))).toEqual([
      1, 2, 3, 7,
    ]);
  });

  it('hands out cursors of the value, or of none past the fans with one', async () => {
    const f = filters({ sort: 'clv' });
    const first = await getSegmentPage(db, f, { personal: true, size: 8 });
    expect(numbers(first.fans)).toEqual([6, 4, 1, 2, 3, 5, 8, 10]);
    expect(cursorSchema.parse(first.nextCursor)).toEqual({
      sort: 'clv',
      dir: 'desc',
      value: null,
      fanId: fanIds[10],
    });
    const second = await getSegmentPage(db, f, {
      personal: true,
      size: 8,
      after: cursorSchema.parse(first.nextCursor),
    });
    expect([numbers(second.fans), second.nextCursor]).toEqual([[9, 7], null]);
    const byScore = await getSegmentPage(db, filters({ sort: 'r_score' }), {
      personal: true,
      size: 2,
    });
    expect(cursorSchema.parse(byScore.nextCursor)).toMatchObject({ value: '5' });
  });

  it('refuses values out of range, reversed ranges and cursors of the wrong kind', () => {
    const issues = (input: Record<string, unknown>) => {
      const parsed = parseSegmentFilters(input);
      return parsed.ok ? [] : parsed.issues.map((i) => `${i.path} ${i.message}`);
    };
    expect(issues({ rMin: '0' })).toEqual([expect.stringMatching(/^rMin /)]);
    expect(issues({ mMax: '6' })).toEqual([expect.stringMatching(/^mMax /)]);
    expect(issues({ fMin: '2.5' })).toEqual([expect.stringMatching(/^fMin /)]);
    expect(issues({ pAliveMin: '1.5' })).toEqual([
      'pAliveMin must be a probability from 0 to 1, such as 0.25',
    ]);
    expect(issues({ clvMin: '-1' })).toEqual([expect.stringMatching(/^clvMin /)]);
    expect(issues({ rMin: '4', rMax: '2' })).toEqual(['rMin must not be more than rMax']);
    expect(issues({ pAliveMin: '0.9', pAliveMax: '0.1' })).toEqual([
      'pAliveMin must not be more than pAliveMax',
    ]);
    expect(issues({ clvMin: '10', clvMax: '9.5' })).toEqual([
      'clvMin must not be more than clvMax',
    ]);
    expect(issues({ pAliveMin: '0', pAliveMax: '1', rMin: '1', rMax: '5' })).toEqual([]);

    const cursor = (sort: string, value: unknown) =>
      cursorSchema.safeParse(
        Buffer.from(JSON.stringify([sort, 'desc', value, 3])).toString('base64url'),
      ).success;
    expect(cursor('clv', null)).toBe(true);
    expect(cursor('clv', '1e-05')).toBe(true);
    expect(cursor('p_alive', '0.123456789')).toBe(true);
    expect(cursor('r_score', '5')).toBe(true);
    expect(cursor('r_score', '7')).toBe(false);
    expect(cursor('clv', 'abc')).toBe(false);
    expect(cursor('joined_at', null)).toBe(false);
    expect(cursor('spend', null)).toBe(false);
    expect(
      cursorSchema.parse(encodeCursor({ sort: 'm_score', dir: 'asc', value: null, fanId: 9 })),
    ).toEqual({ sort: 'm_score', dir: 'asc', value: null, fanId: 9 });
  });

  it('saves a segment by value and opens it again', async () => {
    const f = filters({ stage: 'at_risk', clvMin: '40', rMin: '2', sort: 'clv' });
    const saved = await saveSegment(db, { name: 'Worth saving', filters: f, userId: null });
    expect(saved.query).toBe('stage=at_risk&rMin=2&clvMin=40&sort=clv');
    const [listed] = await listSegments(db);
    expect([listed!.query, listed!.problem]).toEqual([saved.query, null]);
    const reopened = filters(Object.fromEntries(new URLSearchParams(listed!.query)));
    expect(numbers(await allPages(reopened, 50))).toEqual([1, 2]);
  });
});
