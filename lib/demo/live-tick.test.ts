import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { runDemoTick } from './live-tick';
import { isDatabaseEmpty, seedDemo } from './seed-demo';

const end = new Date('2026-06-01T00:00:00Z');
const count = async (db: Database) =>
  (await db.execute<{ n: number }>(sql`select count(*)::int as n from events`))[0]!.n;

describe('demo seed and live source', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('seeds an empty database through the ingest path', async () => {
    expect(await isDatabaseEmpty(db)).toBe(true);
    await seedDemo(db, { fans: 300, seed: 3, end });
    expect(await isDatabaseEmpty(db)).toBe(false);
    const [totals] = await db.execute<{ events: number; daily: number }>(
      sql`select (select count(*)::int from events) as events,
        (select sum(engagements)::int from fan_daily) as daily`,
    );
    expect(totals!.events).toBeGreaterThan(5000);
    expect(totals!.daily).toBe(totals!.events);
  });

  it('plays the community forward, and a tick to the same time adds nothing', async () => {
    const before = await count(db);
    const later = new Date(end.getTime() + 6 * 3_600_000);
    const result = await runDemoTick(db, later);
    expect(result!.events).toBeGreaterThan(0);
    expect(await count(db)).toBe(before + result!.events);
    expect(await runDemoTick(db, later)).toBeNull();
    expect(await count(db)).toBe(before + result!.events);
  });
});
