import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { computeStageCounts, staleStageCountDays } from './stage-counts';
import { engage, hours, ingest, member, OTHER_GROUP, SHANGHAI_GROUP } from './testing/facts';

describe('stage counts per day', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    await ingest(db, [
      member(41, 'join', '2026-01-01T00:00:00Z'),
      ...[1, 2, 3].map((h) => engage(41, hours('2026-01-01T00:00:00Z', h))),
      member(42, 'join', '2026-01-01T00:00:00Z'),
      member(42, 'join', '2026-01-01T00:00:00Z', OTHER_GROUP),
      member(42, 'leave', '2026-01-02T12:00:00Z'),
      member(42, 'leave', '2026-01-02T13:00:00Z', OTHER_GROUP),
      // 23:30 on 2 January in Shanghai: counted on the 2nd there, not the 3rd.
      engage(43, '2026-01-02T15:30:00Z', { community: SHANGHAI_GROUP }),
    ]);
  });

  const counts = (day: string) =>
    db.execute<{ title: string; stage: string; fans: number }>(sql`
      select c.title, s.stage, s.fans from stage_daily_counts s
      join communities c on c.id = s.community_id
      where s.day = ${day}::date order by 1, 2`);

  it("counts each community's fans by stage at the end of the day in its time zone", async () => {
    await computeStageCounts(db, '2026-01-02');
    expect(await counts('2026-01-02')).toEqual([
      { title: 'Other group', stage: 'churned', fans: 1 },
      { title: 'Shanghai group', stage: 'new', fans: 1 },
      { title: 'UTC group', stage: 'active', fans: 1 },
      { title: 'UTC group', stage: 'churned', fans: 1 },
    ]);
    await computeStageCounts(db, '2026-01-01');
    expect(await counts('2026-01-01')).toEqual([
      { title: 'Other group', stage: 'new', fans: 1 },
      { title: 'UTC group', stage: 'new', fans: 1 },
      { title: 'UTC group', stage: 'active', fans: 1 },
    ]);
  });

  it('lists the finished days still to count under the published rules, newest first', async () => {
    const stale = await staleStageCountDays(db, 1000);
    expect(stale.at(-1)).toBe('2026-01-03');
    expect(stale).not.toContain('2026-01-02');
    expect(stale[0]! > '2026-11-01').toBe(true);
  });
});
