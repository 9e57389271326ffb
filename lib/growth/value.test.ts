import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, Sql } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { getUnlinkedRevenue } from '../overview/unlinked-revenue';
import { linkCustomer } from '../revenue/customer-links';
import { computeCustomerValues, storeCustomerValues } from '../revenue/customer-values';
import { getArpuChart } from './arpu';
import {
  fanValuesFromScratch,
  seedValueShop,
  storedFanValues,
  valueCustomers,
} from './testing/value-seed';
import { getSaveFirst, getValueByStage } from './value';

// Growth → Value and the overview's unlinked revenue on the hand-made shop of
// testing/value-seed.ts, every expected number worked out from its table.

let db: Database;
let client: Sql;
let fanIds: Record<number, number>;
let customerIds: Record<string, number>;
let groupId: number;
beforeAll(async () => {
  ({ db, sql: client } = await useTestDb());
  ({ fanIds, customerIds, groupId } = await seedValueShop(db));
});

const march = { communityId: 0, from: '2025-03-01', to: '2025-03-31' };

class Rollback extends Error {}
type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Runs `fn` in a transaction that is always rolled back, so the shop stays as seeded. */
async function rolledBack(fn: (tx: Tx) => Promise<void>) {
  await db
    .transaction(async (tx) => {
      await fn(tx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

describe('fan values', () => {
  it('sums a fan’s customers’ CLV and takes P(alive) and RFM from its highest-CLV customer', async () => {
    const rows = await storedFanValues(db);
    expect(rows.map((r) => r.fan_id)).toEqual([1, 2, 3, 4, 5, 6, 8].map((n) => fanIds[n]));
    // Fan 2: B (CLV 120) and C (80): 200 in all, B's P(alive) 0.3 and scores 2-2-4.
    expect(rows.find((r) => r.fan_id === fanIds[2])).toEqual({
      fan_id: fanIds[2],
      customers: 2,
      customer_id: customerIds.B,
      clv_12m: 200,
      p_alive: 0.3,
      r_score: 2,
      f_score: 2,
      m_score: 4,
    });
    expect(rows).toEqual(await fanValuesFromScratch(db));
  });

  it('follows links, unlinks and a new fit, in the same transaction', async () => {
    await rolledBack(async (tx) => {
      // B leaves fan 2 (C, CLV 80, is left); U1 (600) joins fan 9.
      await tx.execute(sql`update customers set fan_id = null, linked_by = null
        where id = ${customerIds.B!}`);
      await tx.execute(sql`update customers set fan_id = ${fanIds[9]!}, linked_by = 'support'
        where id = ${customerIds.U1!}`);
      const rows = await tx.execute<{ fan_id: number; clv_12m: number; p_alive: number }>(
        sql`select fan_id, clv_12m, p_alive from fan_values
          where fan_id in (${fanIds[2]!}, ${fanIds[9]!}) order by fan_id`,
      );
      expect(rows).toEqual([
        { fan_id: fanIds[2], clv_12m: 80, p_alive: 0.9 },
        { fan_id: fanIds[9], clv_12m: 600, p_alive: 0.7 },
      ]);
      expect(await storedFanValues(tx as Database)).toEqual(
        await fanValuesFromScratch(tx as Database),
      );
    });
    expect(await storedFanValues(db)).toEqual(await fanValuesFromScratch(db));

    // A real fit on the shop's purchases replaces customer_values whole.
    await rolledBack(async (tx) => {
      const values = await computeCustomerValues(tx, new Date('2025-05-01T00:00:00Z'));
      await storeCustomerValues(tx as Database, values, null);
      const stored = await storedFanValues(tx as Database);
      expect(stored).toHaveLength(7);
      expect(stored).toEqual(await fanValuesFromScratch(tx as Database));
    });
    // Without customer values, no fan has a value.
    await rolledBack(async (tx) => {
      await tx.execute(sql`delete from customer_values`);
      expect(await tx.execute(sql`select 1 from fan_values`)).toEqual([]);
    });
    expect((await storedFanValues(db)).length).toBe(7);
  });
});

describe('CLV and revenue by stage', () => {
  it('counts each current stage’s fans with a customer, their CLV and their revenue in the range', async () => {
    const value = await getValueByStage(db, march);
    expect(value.currency).toBe('CNY');
    expect(value.fitAsOf).toBe('2025-04-30T00:00:00Z');
    expect(value.stages).toEqual([
      // Fan 9 has no customer; fan 10 neither.
      { stage: 'new', linkedFans: 0, valuedFans: 0, clvTotal: 0, clvMean: null, revenue: 0 },
      { stage: 'active', linkedFans: 1, valuedFans: 1, clvTotal: 900, clvMean: 900, revenue: 500 },
      { stage: 'core', linkedFans: 1, valuedFans: 1, clvTotal: 40, clvMean: 40, revenue: 80 },
      // G's purchase is in April.
      {
        stage: 'high_value',
        linkedFans: 1,
        valuedFans: 1,
        clvTotal: 1500,
        clvMean: 1500,
        revenue: 0,
      },
      // Fans 1–3 (7 has no customer): 300 + 200 + 50; revenue 150 + (200 − 50), C's USD left out.
      {
        stage: 'at_risk',
        linkedFans: 3,
        valuedFans: 3,
        clvTotal: 550,
        clvMean: 550 / 3,
        revenue: 300,
      },
      { stage: 'churned', linkedFans: 1, valuedFans: 1, clvTotal: 5, clvMean: 5, revenue: 20 },
    ]);
    // C's 30 USD and U1's 10 USD in March have no rate.
    expect(value.unconverted).toEqual({ purchases: 2, currencies: ['USD'] });
  });

  it('keeps the fans present in the community', async () => {
    const value = await getValueByStage(db, { ...march, communityId: groupId });
    expect(value.stages.filter((s) => s.linkedFans > 0)).toEqual([
      { stage: 'active', linkedFans: 1, valuedFans: 1, clvTotal: 900, clvMean: 900, revenue: 500 },
      { stage: 'core', linkedFans: 1, valuedFans: 1, clvTotal: 40, clvMean: 40, revenue: 80 },
      { stage: 'at_risk', linkedFans: 2, valuedFans: 2, clvTotal: 500, clvMean: 250, revenue: 300 },
    ]);
  });
});

describe('save these first', () => {
  it('lists at-risk fans by CLV, highest first, with P(alive) and the last paid purchase', async () => {
    const list = await getSaveFirst(db, march, { personal: true });
    expect(list).toEqual({
      currency: 'CNY',
      personal: true,
      total: 3,
      fans: [
        {
          fanId: fanIds[1],
          name: 'Fan 1',
          username: 'fan_1',
          clv12m: 300,
          pAlive: 0.8,
          lastPurchaseAt: '2025-03-20T12:00:00Z',
        },
        // C's paid USD purchase is later than B's refund and counts as a purchase.
        {
          fanId: fanIds[2],
          name: 'Fan 2',
          username: 'fan_2',
          clv12m: 200,
          pAlive: 0.3,
          lastPurchaseAt: '2025-03-10T12:00:00Z',
        },
        {
          fanId: fanIds[3],
          name: 'Fan 3',
          username: 'fan_3',
          clv12m: 50,
          pAlive: 0.1,
          lastPurchaseAt: '2025-01-15T12:00:00Z',
        },
      ],
    });
    const short = await getSaveFirst(db, march, { personal: true }, 2);
    expect([short.total, short.fans.map((f) => f.fanId)]).toEqual([3, [fanIds[1], fanIds[2]]]);
  });

  it('names nobody for a role without fan lookup, and keeps a community’s fans', async () => {
    const hidden = await getSaveFirst(db, march, { personal: false });
    expect(hidden.fans.map((f) => [f.fanId, f.name, f.username])).toEqual([
      [fanIds[1], null, null],
      [fanIds[2], null, null],
      [fanIds[3], null, null],
    ]);
    const inGroup = await getSaveFirst(db, { ...march, communityId: groupId }, { personal: true });
    expect([inGroup.total, inGroup.fans.map((f) => f.fanId)]).toEqual([2, [fanIds[1], fanIds[2]]]);
  });
});

describe('revenue not linked to fans', () => {
  it('sums the purchases of customers with no fan, against all converted revenue', async () => {
    const unlinked = await getUnlinkedRevenue(db);
    // U1 400 + U2 100; all: 150 + 150 + 60 + 500 + 80 + 1000 + 20 + 500 = 2460.
    expect(unlinked).toEqual({
      currency: 'CNY',
      customers: 2,
      unlinked: 500,
      total: 2460,
      share: 500 / 2460,
      unconverted: { purchases: 2, currencies: ['USD'] },
    });
    expect(valueCustomers.filter((c) => c.fan === null)).toHaveLength(2);
  });
});

describe('ARPU in the base currency', () => {
  it('names the base currency and counts the range’s purchases without a rate', async () => {
    const arpu = await getArpuChart(db, march);
    expect(arpu.base).toBe('CNY');
    expect(arpu.unconverted).toEqual({ purchases: 2, currencies: ['USD'] });
    const april = await getArpuChart(db, { communityId: 0, from: '2025-04-01', to: '2025-04-30' });
    expect(april.unconverted).toEqual({ purchases: 0, currencies: [] });
  });
});

// Last: these link U2 and U1 to fans for good.
describe('fan values under concurrent writes', () => {
  /**
   * Runs `write` while a fit is being stored (customer_values emptied, not yet written
   * again, not committed): it must wait for the fit, neither deadlock nor miss its values.
   */
  async function whileAFitIsStored(write: () => Promise<unknown>) {
    const fit = await client.reserve();
    try {
      await fit`begin`;
      await fit`create temp table kept on commit drop as select * from customer_values`;
      await fit`delete from customer_values`;
      let done = false;
      const writing = write().then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      // The fit writes the values again (key share locks on the customers) and commits.
      await fit`insert into customer_values select * from kept order by customer_id`;
      await fit`update customer_values set clv_12m = clv_12m + 1`;
      await fit`commit`;
      await writing;
    } finally {
      fit.release();
    }
    expect(await storedFanValues(db)).toEqual(await fanValuesFromScratch(db));
  }

  const valueOf = (n: number) =>
    db.execute<{ clv_12m: number; customer_id: number }>(
      sql`select clv_12m, customer_id from fan_values where fan_id = ${fanIds[n]!}`,
    );

  it('support links a customer while a fit is stored: it waits, then counts the new values', async () => {
    await whileAFitIsStored(() =>
      linkCustomer(db, { fanId: fanIds[10]!, customerKey: 'shop-U2', actorUserId: null }),
    );
    expect(await valueOf(10)).toEqual([{ clv_12m: 71, customer_id: customerIds.U2 }]);
  });

  it('ingest, holding fans for update, links a customer while a fit is stored', async () => {
    // As a batch does: the fans of its profile facts locked, then an order's customer linked.
    await whileAFitIsStored(() =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from fans
          where id in (${fanIds[1]!}, ${fanIds[9]!}) order by id for update`);
        await tx.execute(sql`update customers set fan_id = ${fanIds[9]!}, linked_by = 'order',
          linked_at = now() where id = ${customerIds.U1!}`);
      }),
    );
    expect(await valueOf(9)).toEqual([{ clv_12m: 602, customer_id: customerIds.U1 }]);
    expect(await valueOf(1)).toEqual([{ clv_12m: 302, customer_id: customerIds.A }]);
  });
});
