import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { changedTables, snapshotTables } from '../api/testing/db-snapshot';
import { ingestBatch } from '../ingest';
import { currencyState, deleteRate, saveRates, setBaseCurrency } from './currencies';
import { ratesOfForm, rateForm } from './currency-schemas';
import { orderFact, order } from './order';
import { parseRatesCsv } from './rates-csv';
import { RevenueError } from './errors';

const buy = (id: string, amount: string, currency: string, at: string, fan?: number) =>
  orderFact(
    order.parse({
      id,
      customer_id: `c-${id}`,
      telegram_user_id: fan,
      amount,
      currency,
      occurred_at: at,
    }),
    'paid',
  );

describe('currencies', () => {
  let db: Database;
  let sqlClient: Parameters<typeof snapshotTables>[0];
  const bases = async () =>
    Object.fromEntries(
      (
        await db.execute<{ order_id: string; base_amount: string | null }>(
          sql`select order_id, base_amount::text from purchases order by order_id`,
        )
      ).map((r) => [r.order_id, r.base_amount]),
    );
  const queued = async () =>
    (
      await db.execute<{ tg: string; earliest: string }>(sql`
        select f.telegram_user_id::text as tg, to_char(q.earliest_at at time zone 'UTC', 'MM-DD') as earliest
        from lifecycle_dirty_fans q join fans f on f.id = q.fan_id order by 1`)
    ).map((r) => [r.tg, r.earliest]);

  beforeAll(async () => {
    const test = await useTestDb();
    db = test.db;
    sqlClient = test.sql;
    await ingestBatch(db, [
      buy('1', '100.00', 'CNY', '2026-10-01T08:00:00Z', 7),
      buy('2', '10.00', 'USD', '2026-10-02T08:00:00Z', 8),
      buy('3', '20.00', 'USD', '2026-10-03T08:00:00Z', 8),
      buy('4', '5.00', 'EUR', '2026-10-03T09:00:00Z'),
    ]);
    await db.execute(sql`delete from lifecycle_dirty_fans`);
  });

  it('needs no setup with one currency, and leaves the others out until they have a rate', async () => {
    expect(await bases()).toEqual({ '1': '100.00', '2': null, '3': null, '4': null });
    const state = await currencyState(db);
    expect(state.base).toBe('CNY');
    expect(state.currencies.map((c) => [c.currency, c.purchases, c.unconverted])).toEqual([
      ['USD', 2, 2],
      ['CNY', 1, 0],
      ['EUR', 1, 1],
    ]);
  });

  it('converts at the purchase day’s rate and replays the fans whose amounts changed', async () => {
    const form = rateForm.parse({
      currency: 'usd',
      from: '2026-10-02',
      to: '2026-10-02',
      rate: '7.25',
    });
    expect(
      await saveRates(db, { rates: ratesOfForm(form), actorUserId: null, source: 'form' }),
    ).toEqual({
      saved: 1,
      purchasesChanged: 1,
    });
    expect(await bases()).toMatchObject({ '2': '72.50', '3': null });
    expect(await queued()).toEqual([['8', '10-02']]);
    // A second save of the same rate changes no purchase.
    expect(
      (await saveRates(db, { rates: ratesOfForm(form), actorUserId: null, source: 'form' }))
        .purchasesChanged,
    ).toBe(0);
  });

  it('takes a rates file whole, or refuses it naming each bad line and changes nothing', async () => {
    const before = await snapshotTables(sqlClient);
    const bad = 'currency,day,rate\nUSD,2026-10-03,7.3\nUSD,2026-13-01,7\nEU,2026-10-03,-1\n';
    const error = (() => {
      try {
        parseRatesCsv(bad);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RevenueError);
    expect((error as RevenueError).fields.map((f) => f.path)).toEqual([
      'line 3: day',
      'line 4: currency',
      'line 4: rate',
    ]);
    expect(() => parseRatesCsv('cur,day,rate\nUSD,2026-10-03,7\n')).toThrow(/first line/);
    expect(changedTables(before, await snapshotTables(sqlClient))).toEqual([]);
    const rates = parseRatesCsv('currency,day,rate\nUSD,2026-10-03,7.3\nEUR,2026-10-03,7.9\n');
    await saveRates(db, { rates, actorUserId: null, source: 'csv' });
    expect(await bases()).toEqual({ '1': '100.00', '2': '72.50', '3': '146.00', '4': '39.50' });
  });

  it('refuses a rate for the base currency itself', async () => {
    await expect(
      saveRates(db, {
        rates: [{ currency: 'CNY', day: '2026-10-01', rate: 1 }],
        actorUserId: null,
        source: 'form',
      }),
    ).rejects.toThrow(/base currency/);
  });

  it('removes a rate, and converts everything again under a new base', async () => {
    await deleteRate(db, { currency: 'EUR', day: '2026-10-03', actorUserId: null });
    expect((await bases())['4']).toBeNull();
    await expect(
      deleteRate(db, { currency: 'EUR', day: '2026-10-03', actorUserId: null }),
    ).rejects.toThrow(/No EUR rate/);
    // USD as base: the CNY purchase has no CNY→USD rate; the USD ones are themselves.
    const changed = await setBaseCurrency(db, { currency: 'USD', actorUserId: null });
    expect(changed).toEqual({ before: 'CNY', changed: true, purchasesChanged: 3 });
    expect(await bases()).toEqual({ '1': null, '2': '10.00', '3': '20.00', '4': null });
    const audit = await db.execute<{ action: string }>(
      sql`select action from audit_log order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'currency_rates.save',
      'currency_rates.save',
      'currency_rates.save',
      'currency_rates.delete',
      'base_currency.set',
    ]);
  });
});
