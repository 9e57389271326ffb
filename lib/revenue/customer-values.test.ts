import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { ingestBatch, type FactInput } from '../ingest';
import { computeCustomerValues, storeCustomerValues, type CustomerValues } from './customer-values';
import { orderFact, order } from './order';
import { fanCustomers } from './customer-links';
import { requestValueFit, runWaitingValueFit, valueFitStatus } from './value-fit-requests';

// The value models on purchases stored through ingest: the CDNOW sample's transactions
// (shared/fixtures/cdnow) summarised by SQL as of the end of its calibration period must
// give the published per-customer summary and fit.

const cdnow = path.join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'cdnow');
const asOf = new Date('1997-09-30T12:00:00Z');

function sampleFacts(): FactInput[] {
  return readFileSync(path.join(cdnow, 'CDNOW_sample.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((line, i) => {
      const [, customer, day, , dollars] = line.trim().split(/\s+/);
      return orderFact(
        order.parse({
          id: String(i + 1),
          customer_id: String(Number(customer)),
          amount: Number(dollars).toFixed(2),
          currency: 'USD',
          occurred_at: `${day!.slice(0, 4)}-${day!.slice(4, 6)}-${day!.slice(6)}T12:00:00Z`,
        }),
        'paid',
      );
    });
}

const within = (actual: number, expected: number, share: number) =>
  expect(Math.abs(actual / expected - 1)).toBeLessThan(share);

describe('customer values on the CDNOW sample', () => {
  let db: Database;
  let values: CustomerValues;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    const facts = sampleFacts();
    for (let i = 0; i < facts.length; i += 2000) await ingestBatch(db, facts.slice(i, i + 2000));
    values = await computeCustomerValues(db, asOf);
  }, 120_000);

  it('summarises every customer as the published calibration summary (in days)', () => {
    const published = readFileSync(
      path.join(cdnow, 'cdnow_customers_summary_with_transactions.csv'),
      'utf8',
    )
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').map(Number));
    const byKey = new Map(values.customers.map((c) => [c.customerKey, c]));
    expect(byKey.size).toBe(published.length);
    for (const [id, x, tx, T, zbar] of published) {
      const c = byKey.get(String(id))!;
      expect([c.x, Math.round(c.tx / 0.07) / 100, Math.round(c.T / 0.07) / 100]).toEqual([
        x,
        tx,
        T,
      ]);
      expect(Math.abs(c.monetary - zbar!)).toBeLessThan(0.006);
    }
  });

  it('fits the published BG/NBD and Gamma-Gamma within 0.5%', () => {
    const bg = values.scored.bgNbd!;
    within(bg.params.r, 0.2426, 0.005);
    within(bg.params.alpha, 30.895, 0.005);
    within(bg.params.a, 0.7929, 0.005);
    within(bg.params.b, 2.4259, 0.005);
    const gg = values.scored.gammaGamma!;
    expect(gg.customers).toBe(946);
    within(gg.params.p, 6.25, 0.005);
    within(gg.params.q, 3.74, 0.005);
    within(gg.params.v, 15.45, 0.005);
    const first = values.customers.findIndex((c) => c.customerKey === '1');
    expect(values.scored.customers[first]!.pAlive).toBeCloseTo(0.73, 2);
  });

  it('stores the fit the worker runs on request, and the fan page reads it', async () => {
    await requestValueFit(db, null);
    expect((await valueFitStatus(db)).pending).not.toBeNull();
    const fitId = await runWaitingValueFit(db);
    expect(fitId).not.toBeNull();
    expect(await runWaitingValueFit(db)).toBeNull();
    const status = await valueFitStatus(db);
    expect(status).toMatchObject({ pending: null, lastError: null, fit: { customers: 2357 } });
    // As of now (long after 1997) a repeat buyer has lapsed (a customer without a repeat
    // occasion stays alive by the model's definition).
    const [stored] = await db.execute<{ n: number; first: number }>(sql`
      select count(*)::int as n,
        max(v.p_alive) filter (where c.customer_key = '1') as first
      from customer_values v join customers c on c.id = v.customer_id`);
    expect(stored!.n).toBe(2357);
    expect(stored!.first).toBeLessThan(0.01);
    // Store the as-of-1997 values and read one through a linked fan.
    await storeCustomerValues(db, values, null);
    await db.execute(sql`insert into fans (telegram_user_id) values (900001)`);
    await db.execute(sql`update customers set fan_id = (select id from fans where telegram_user_id = 900001),
      linked_by = 'support' where customer_key = '1'`);
    const [fan] = await db.execute<{ id: string }>(
      sql`select id::text from fans where telegram_user_id = 900001`,
    );
    const [c] = await fanCustomers(db, Number(fan!.id));
    expect(c!.value!.pAlive).toBeCloseTo(0.73, 2);
    expect(c!.value!.frequency).toBe(2);
  });
});
