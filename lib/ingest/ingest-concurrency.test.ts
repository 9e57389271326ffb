import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../../db/testing/test-db';
import type { Database } from '../../db/client';
import { ingestBatch, type FactInput } from '.';

const chat = -1009002;
const base = Date.parse('2026-03-01T00:00:00Z');
// The same 40 fans every round: new in the first, known after.
const fanOf = (i: number) => 5000 + (i % 40);
const atOf = (i: number) => new Date(base + i * 97_000).toISOString();

function facts(round: number, from: number, to: number): FactInput[] {
  const out: FactInput[] = [];
  for (let i = from; i < to; i++) {
    out.push({
      kind: 'event',
      sourceKey: `tg:msg:${chat}:${round}-${i}`,
      community: chat,
      fan: fanOf(i),
      type: i % 3 === 0 ? 'reaction' : 'message',
      at: atOf(i),
    });
    // Profiles of the same fans in both batches: their rows are locked in one order too.
    if (i % 25 === 0)
      out.push({ kind: 'fan', telegramUserId: fanOf(i), username: `fan${round}x${i}` });
    if (i % 50 === 0)
      out.push({
        kind: 'membership',
        sourceKey: `tg:adminlog:${chat}:${round}-${i}`,
        community: chat,
        fan: fanOf(i),
        action: 'join',
        at: atOf(i),
        source: 'admin_log',
      });
  }
  return out;
}

describe('ingestBatch from two connections at once', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    await ingestBatch(db, [
      { kind: 'community', telegramId: chat, type: 'supergroup', title: 'Race', timeZone: 'UTC' },
    ]);
  });

  it('stores every fact of overlapping batches once, in whatever order they come', async () => {
    for (let round = 0; round < 6; round++) {
      // Half of each batch is in the other, one of them backwards.
      const a = facts(round, 0, 1500);
      const b = facts(round, 500, 2000).reverse();
      const [ra, rb] = await Promise.all([ingestBatch(db, a), ingestBatch(db, b)]);
      expect(ra.events + rb.events).toBe(2000);
      expect(ra.memberships + rb.memberships).toBe(40);
      expect(ra.duplicates + rb.duplicates).toBe(1020);
      expect(ra.newFans + rb.newFans).toBe(round === 0 ? 40 : 0);
    }
    const [counts] = await db.execute<{ events: number; engaged: number; memberships: number }>(
      sql`select (select count(*) from events)::int as events,
        (select sum(engagements) from fan_daily)::int as engaged,
        (select count(*) from memberships)::int as memberships`,
    );
    expect(counts).toEqual({ events: 12000, engaged: 12000, memberships: 240 });
    // fan_daily equals the events it counts, fan by fan and day by day.
    const drift = await db.execute(sql`
      select fan_id, community_id, day from fan_daily d
      full join (
        select fan_id, community_id, (occurred_at at time zone 'UTC')::date as day,
          count(*)::int as n, min(occurred_at) as first_at, max(occurred_at) as last_at
        from events group by 1, 2, 3) e using (fan_id, community_id, day)
      where d.engagements is distinct from e.n or d.first_at is distinct from e.first_at
        or d.last_at is distinct from e.last_at`);
    expect(drift).toEqual([]);
    // Each fan: first seen at its earliest fact, queued with its newest.
    const fans = await db.execute(sql`
      select f.telegram_user_id from fans f
      join (select fan_id, min(occurred_at) as first_at, max(occurred_at) as last_at
        from events group by 1) e on e.fan_id = f.id
      left join lifecycle_dirty_fans q on q.fan_id = f.id
      where f.first_seen_at is distinct from e.first_at or q.latest_at is distinct from e.last_at`);
    expect(fans).toEqual([]);
  });
});
