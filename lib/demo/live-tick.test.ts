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

describe('the demo shop', () => {
  const appSecret = 'demo-shop-test-secret-0123456789abcdefgh';
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    await seedDemo(db, { fans: 1500, seed: 4, end, appSecret });
  }, 120_000);

  it('sends its past orders as a CSV and its last week by signed webhook, in two currencies', async () => {
    const [shop] = await db.execute<{
      orders: number;
      webhook: number;
      currencies: string;
      unlinked: number;
      refunds: number;
      unconverted: number;
      rateless_usd: number;
    }>(sql`select
      (select count(*)::int from purchases where status = 'paid') as orders,
      (select count(*)::int from webhook_events) as webhook,
      (select string_agg(distinct currency, ',' order by currency) from purchases) as currencies,
      (select count(*)::int from customers where fan_id is null) as unlinked,
      (select count(*)::int from purchases where status = 'refunded') as refunds,
      (select count(*)::int from purchases where base_amount is null) as unconverted,
      (select count(*)::int from purchases where currency = 'USD'
        and (occurred_at at time zone 'UTC')::date > (select max(day) from currency_rates))
        as rateless_usd`);
    expect(shop!.currencies).toBe('CNY,USD');
    expect(shop!.webhook).toBeGreaterThan(0);
    expect(shop!.webhook).toBeLessThan(shop!.orders);
    expect(shop!.unlinked).toBeGreaterThan(0);
    // Rates stop two days before the end: some USD purchases wait for theirs.
    expect(shop!.unconverted).toBe(shop!.rateless_usd);
    expect(await db.execute(sql`select base_currency from revenue_settings`)).toEqual([
      { base_currency: 'CNY' },
    ]);
    // The value models' first fit is there, every customer scored.
    const [fit] = await db.execute<{ customers: number; scored: number }>(sql`
      select f.customers, (select count(*)::int from customer_values) as scored
      from value_fits f`);
    expect(fit!.scored).toBe(fit!.customers);
    expect(fit!.customers).toBeGreaterThan(50);
  });

  it('delivers the orders of a live tick through the webhook', async () => {
    const delivered = async () =>
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from webhook_events`))[0]!.n;
    // Ticks of six hours (the most one catches up) until one has an order.
    let purchases = 0;
    for (let k = 1; k <= 40 && purchases === 0; k++) {
      const before = await delivered();
      const result = await runDemoTick(db, new Date(end.getTime() + k * 6 * 3_600_000), appSecret);
      purchases = result?.purchases ?? 0;
      expect((await delivered()) - before).toBe(purchases);
    }
    expect(purchases).toBeGreaterThan(0);
  });
});
