import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { seedFans, type FanIds } from './testing/fixture';
import { getTimeline, type TimelineEntry } from './timeline';
import { cursorSchema } from './timeline-cursor';

describe('timeline', () => {
  let db: Database, id: FanIds;

  beforeAll(async () => {
    db = (await useTestDb()).db;
    ({ id } = await seedFans(db));
  });

  const keyOf = (e: TimelineEntry) => `${e.kind}:${e.id}`;
  const rank = { event: 1, purchase: 2, stage: 3 };

  it('merges events, purchases and stage changes, newest first, ties by kind and id', async () => {
    const { entries, nextCursor } = await getTimeline(db, id[20]!, { limit: 200 });
    expect(nextCursor).toBeNull();
    // 1 join is a membership (not on the timeline); 42 events, 4 purchases, 5 stage changes.
    expect(entries.length).toBe(42 + 4 + 5);
    const sorted = [...entries].sort(
      (a, b) =>
        Date.parse(b.at) - Date.parse(a.at) ||
        (b.at > a.at ? 1 : b.at < a.at ? -1 : 0) ||
        rank[b.kind] - rank[a.kind] ||
        b.id - a.id,
    );
    expect(entries.map(keyOf)).toEqual(sorted.map(keyOf));
    // At the tie second: the two stage changes, then the three purchases, then 12 events.
    const atTie = entries.filter((e) => e.at.startsWith('2026-10-01T12:00:00'));
    expect(atTie.map((e) => e.kind)).toEqual([
      ...Array<string>(2).fill('stage'),
      ...Array<string>(3).fill('purchase'),
      ...Array<string>(12).fill('event'),
    ]);
    expect(entries.slice(0, 1).map((e) => e.kind)).toEqual(['stage']);
    const micro = entries.filter((e) => e.at.startsWith('2026-09-20T00:00:00.12345'));
    expect(micro.map((e) => e.at)).toEqual([
      '2026-09-20T00:00:00.123457Z',
      '2026-09-20T00:00:00.123456Z',
    ]);
  });

  it('pages by cursor without gaps or repeats, whatever the page size', async () => {
    const { entries: all } = await getTimeline(db, id[20]!, { limit: 200 });
    for (const limit of [1, 2, 3, 5, 7, 50]) {
      const paged: TimelineEntry[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        // Through the cursor's schema, as the route reads it.
        const after = cursor === null ? null : cursorSchema.parse(cursor);
        const page = await getTimeline(db, id[20]!, { after, limit });
        expect(page.entries.length).toBeLessThanOrEqual(limit);
        paged.push(...page.entries);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(paged.map(keyOf), `limit ${limit}`).toEqual(all.map(keyOf));
    }
  });

  it('shows message text, reactions and purchase amounts', async () => {
    const { entries } = await getTimeline(db, id[11]!);
    expect(
      entries.map((e) =>
        e.kind === 'event'
          ? [e.type, e.community.title, e.text, e.reaction]
          : e.kind === 'purchase'
            ? [e.kind, e.amount, e.currency]
            : [e.kind, e.from, e.to, e.ruleSetVersion],
      ),
    ).toEqual([
      ['stage', 'new', 'high_value', 1],
      ['purchase', '120.00', 'CNY'],
      ['reply', 'Fan group', 'again', null],
      ['reaction', 'Fan group', null, '👍'],
      ['message', 'Fan group', 'Hi, I am Anna, call me on 555-0101', null],
      ['stage', null, 'new', 1],
    ]);
  });
});
