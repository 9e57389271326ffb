import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { ingestBatch } from '../ingest';
import { fanCustomers, linkCustomer, unlinkCustomer } from './customer-links';
import { orderFact, order } from './order';

const buy = (id: string, customer: string, at: string, fan?: number) =>
  orderFact(
    order.parse({
      id,
      customer_id: customer,
      telegram_user_id: fan,
      amount: '30.00',
      currency: 'CNY',
      occurred_at: at,
    }),
    'paid',
  );

describe('linking customers to fans by hand', () => {
  let db: Database;
  let actor: number;
  const fan = async (tg: number) =>
    Number(
      (
        await db.execute<{ id: string }>(
          sql`select id::text from fans where telegram_user_id = ${tg}`,
        )
      )[0]!.id,
    );
  const owners = async () =>
    (
      await db.execute<{ order_id: string; tg: string | null }>(sql`
        select p.order_id, f.telegram_user_id::text as tg
        from purchases p left join fans f on f.id = p.fan_id order by p.order_id`)
    ).map((r) => [r.order_id, r.tg]);
  const queue = async () =>
    (
      await db.execute<{ tg: string; earliest: string }>(sql`
        select f.telegram_user_id::text as tg, to_char(q.earliest_at at time zone 'UTC', 'MM-DD') as earliest
        from lifecycle_dirty_fans q join fans f on f.id = q.fan_id order by 1`)
    ).map((r) => [r.tg, r.earliest]);

  beforeAll(async () => {
    db = (await useTestDb()).db;
    const [u] = await db.execute<{ id: string }>(sql`
      insert into users (email, name, password_hash, role)
      values ('s@test.local', 'Sam', 'x', 'support') returning id::text`);
    actor = Number(u!.id);
    await ingestBatch(db, [
      { kind: 'fan', telegramUserId: 41, firstName: 'Li' },
      buy('o1', 'shop-9', '2026-10-01T10:00:00Z'),
      buy('o2', 'shop-9', '2026-10-08T10:00:00Z'),
      buy('o3', 'shop-5', '2026-10-02T10:00:00Z', 42),
    ]);
    await db.execute(sql`delete from lifecycle_dirty_fans`);
  });

  it('moves the customer’s purchases to the fan and replays it from the earliest', async () => {
    const li = await fan(41);
    const linked = await linkCustomer(db, { fanId: li, customerKey: 'shop-9', actorUserId: actor });
    expect(linked.purchasesMoved).toBe(2);
    expect(await owners()).toEqual([
      ['o1', '41'],
      ['o2', '41'],
      ['o3', '42'],
    ]);
    expect(await queue()).toEqual([['41', '10-01']]);
    const [c] = await fanCustomers(db, li);
    expect(c).toMatchObject({
      customerKey: 'shop-9',
      linkedBy: 'support',
      orders: 2,
      revenue: '60.00',
    });
    // Again: nothing to do.
    expect(
      (await linkCustomer(db, { fanId: li, customerKey: 'shop-9', actorUserId: actor }))
        .purchasesMoved,
    ).toBe(0);
  });

  it('refuses a customer linked to another fan, or one no order names, and changes nothing', async () => {
    const li = await fan(41);
    const before = await owners();
    await expect(
      linkCustomer(db, { fanId: li, customerKey: 'shop-5', actorUserId: actor }),
    ).rejects.toMatchObject({ code: 'already_linked', status: 409 });
    await expect(
      linkCustomer(db, { fanId: li, customerKey: 'nobody', actorUserId: actor }),
    ).rejects.toMatchObject({ code: 'not_found', status: 404 });
    expect(await owners()).toEqual(before);
  });

  it('unlinks: the purchases are nobody’s again and the fan is replayed', async () => {
    const li = await fan(41);
    await db.execute(sql`delete from lifecycle_dirty_fans`);
    const [c] = await fanCustomers(db, li);
    expect(await unlinkCustomer(db, { fanId: li, customerId: c!.id, actorUserId: actor })).toEqual({
      purchasesMoved: 2,
    });
    expect((await owners()).slice(0, 2)).toEqual([
      ['o1', null],
      ['o2', null],
    ]);
    expect(await queue()).toEqual([['41', '10-01']]);
    expect(await fanCustomers(db, li)).toEqual([]);
    await expect(
      unlinkCustomer(db, { fanId: li, customerId: c!.id, actorUserId: actor }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const audit = await db.execute<{ action: string }>(
      sql`select action from audit_log order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['customer.link', 'customer.unlink']);
  });
});
