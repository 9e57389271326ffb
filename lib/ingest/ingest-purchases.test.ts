import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { orderFact, order, type OrderStatus } from '../revenue/order';
import { IngestRejectedError, ingestBatch } from '.';

const paid = (
  id: string,
  customer: string,
  amount: string,
  at: string,
  opts: { fan?: number; currency?: string; status?: OrderStatus } = {},
) =>
  orderFact(
    order.parse({
      id,
      customer_id: customer,
      telegram_user_id: opts.fan,
      amount,
      currency: opts.currency ?? 'EUR',
      occurred_at: at,
    }),
    opts.status ?? 'paid',
  );

describe('ingesting purchases', () => {
  let db: Database;
  const purchases = () =>
    db.execute<{
      order_id: string;
      customer: string;
      fan: string | null;
      status: string;
      amount: string;
      currency: string;
      base_amount: string | null;
    }>(sql`
      select p.order_id, c.customer_key as customer, f.telegram_user_id::text as fan, p.status,
        p.amount::text, p.currency, p.base_amount::text
      from purchases p join customers c on c.id = p.customer_id
      left join fans f on f.id = p.fan_id order by p.id`);
  const dirty = () =>
    db.execute<{ fan: string; earliest: string }>(sql`
      select f.telegram_user_id::text as fan, to_char(q.earliest_at at time zone 'UTC',
        'YYYY-MM-DD"T"HH24:MI') as earliest
      from lifecycle_dirty_fans q join fans f on f.id = q.fan_id order by 1`);

  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('keeps a customer unlinked until an order names its fan, then moves its purchases', async () => {
    await ingestBatch(db, [
      paid('A-1', 'cust-1', '20.00', '2026-10-01T10:00:00Z'),
      paid('A-2', 'cust-1', '5.50', '2026-10-03T10:00:00Z'),
    ]);
    // The first purchase ever stored sets the base currency.
    expect(await db.execute(sql`select base_currency from revenue_settings`)).toEqual([
      { base_currency: 'EUR' },
    ]);
    expect((await purchases()).map((p) => [p.order_id, p.fan, p.base_amount])).toEqual([
      ['A-1', null, '20.00'],
      ['A-2', null, '5.50'],
    ]);
    expect(await dirty()).toEqual([]);

    await ingestBatch(db, [paid('A-3', 'cust-1', '7.00', '2026-10-09T10:00:00Z', { fan: 501 })]);
    expect((await purchases()).map((p) => [p.order_id, p.fan])).toEqual([
      ['A-1', '501'],
      ['A-2', '501'],
      ['A-3', '501'],
    ]);
    expect(
      await db.execute(sql`select linked_by from customers where customer_key = 'cust-1'`),
    ).toEqual([{ linked_by: 'order' }]);
    // The fan's history is replayed from the earliest purchase it gained.
    expect(await dirty()).toEqual([{ fan: '501', earliest: '2026-10-01T10:00' }]);

    // An order naming another fan does not move a linked customer.
    await ingestBatch(db, [paid('A-4', 'cust-1', '1.00', '2026-10-10T10:00:00Z', { fan: 502 })]);
    expect((await purchases()).at(-1)?.fan).toBe('501');
  });

  it('stores refunds negative, once per order and status, and converts at the day’s rate', async () => {
    await db.execute(sql`insert into currency_rates (base, currency, day, rate)
      values ('EUR', 'USD', '2026-10-05', 0.9)`);
    const batch = [
      paid('B-1', 'cust-2', '100.00', '2026-10-05T23:30:00Z', { currency: 'USD' }),
      paid('B-1', 'cust-2', '100.00', '2026-10-05T23:30:00Z', {
        currency: 'USD',
        status: 'refunded',
      }),
      // No rate for the 6th: kept, but left out of converted figures.
      paid('B-2', 'cust-2', '10.00', '2026-10-06T00:30:00Z', { currency: 'USD' }),
    ];
    const first = await ingestBatch(db, batch);
    expect(first.purchases).toBe(3);
    const again = await ingestBatch(db, batch);
    expect([again.purchases, again.duplicates]).toEqual([0, 3]);
    expect(
      (await purchases())
        .filter((p) => p.customer === 'cust-2')
        .map((p) => [p.order_id, p.status, p.amount, p.base_amount]),
    ).toEqual([
      ['B-1', 'paid', '100.00', '90.00'],
      ['B-1', 'refunded', '-100.00', '-90.00'],
      ['B-2', 'paid', '10.00', null],
    ]);
  });

  it('refuses a purchase with neither customer nor fan, or more than 2 decimals', async () => {
    const before = await purchases();
    const bad = [
      {
        kind: 'purchase',
        sourceKey: 'shop:order:X:paid',
        orderId: 'X',
        amount: 1,
        currency: 'EUR',
        at: '2026-10-01T00:00:00Z',
      },
      { ...paid('Y', 'c', '1.00', '2026-10-01T00:00:00Z'), amount: 1.234 },
    ];
    const error = await ingestBatch(db, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestRejectedError);
    expect((error as IngestRejectedError).problems.map((p) => [p.index, p.path])).toEqual([
      [0, 'customer'],
      [1, 'amount'],
    ]);
    expect(await purchases()).toEqual(before);
  });
});
