import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { RevenueError } from './errors';

// Linking a shop customer to a fan by hand (support, on the fan's page) and undoing it.
// The customer's purchases move with the link, and the fan's history is replayed from the
// earliest of them (the high-value rule and ARPU count them from their own time).

async function movePurchases(tx: Executor, customerId: number, fanId: number | null) {
  const [row] = await tx.execute<{ moved: number }>(sql`
    with moved as (
      update purchases set fan_id = ${fanId} where customer_id = ${customerId}
      returning occurred_at
    ), old as (
      select fan_id from customers where id = ${customerId}
    ), queued as (
      insert into lifecycle_dirty_fans as q (fan_id, earliest_at, latest_at)
      select f.fan_id, (select min(occurred_at) from moved), (select max(occurred_at) from moved)
      from (select ${fanId}::bigint as fan_id union select fan_id from old) f
      where f.fan_id is not null and exists (select 1 from moved)
      order by 1
      on conflict (fan_id) do update set
        earliest_at = least(q.earliest_at, excluded.earliest_at),
        latest_at = greatest(q.latest_at, excluded.latest_at)
      returning 1
    )
    select (select count(*) from moved)::int as moved, (select count(*) from queued) as q`);
  return row?.moved ?? 0;
}

/**
 * Links the customer with this shop id to the fan, by support (an actor) or by the fan
 * opening the bot with the shop's signed link (lib/revenue/link-token.ts); refused if the
 * customer is linked to another fan.
 */
export async function linkCustomer(
  db: Database,
  input: { fanId: number; customerKey: string; actorUserId: number | null; by?: 'support' | 'bot' },
): Promise<{ customerId: number; purchasesMoved: number }> {
  return db.transaction(async (tx) => {
    const [fan] = await tx.execute(
      sql`select 1 from fans where id = ${input.fanId} and erased_at is null for key share`,
    );
    if (!fan) throw new RevenueError('not_found', `No fan #${input.fanId}`);
    // No key update (not for update): a fit storing customer_values holds the fan_values
    // lock and takes key share locks on customers, which for update would deadlock.
    const [customer] = await tx.execute<{ id: string; fan_id: string | null }>(sql`
      select id::text, fan_id::text from customers where customer_key = ${input.customerKey}
      for no key update`);
    if (!customer)
      throw new RevenueError('not_found', `No customer "${input.customerKey}": no order names it`, [
        { path: 'customerId', code: 'not_found', message: 'no order names this customer' },
      ]);
    const customerId = Number(customer.id);
    if (customer.fan_id !== null) {
      if (Number(customer.fan_id) === input.fanId) return { customerId, purchasesMoved: 0 };
      throw new RevenueError(
        'already_linked',
        `Customer "${input.customerKey}" is linked to fan #${customer.fan_id}: unlink it there first`,
        [
          {
            path: 'customerId',
            code: 'already_linked',
            message: 'is linked to another fan',
            values: [Number(customer.fan_id)],
          },
        ],
      );
    }
    // Moved first: the replay queue's old fan is read before the link changes.
    const purchasesMoved = await movePurchases(tx, customerId, input.fanId);
    await tx.execute(sql`
      update customers set fan_id = ${input.fanId},
        linked_by = ${input.by ?? 'support'}::customer_link_source,
        linked_by_user_id = ${input.actorUserId}, linked_at = now()
      where id = ${customerId}`);
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'customer.link',
      entity: 'fan',
      entityId: input.fanId,
      after: { customerId, purchasesMoved },
    });
    return { customerId, purchasesMoved };
  });
}

/** Ends a customer's link to the fan: its purchases are no longer the fan's. */
export async function unlinkCustomer(
  db: Database,
  input: { fanId: number; customerId: number; actorUserId: number },
): Promise<{ purchasesMoved: number }> {
  return db.transaction(async (tx) => {
    const [customer] = await tx.execute<{ fan_id: string | null }>(sql`
      select fan_id::text from customers where id = ${input.customerId} for no key update`);
    if (!customer || customer.fan_id === null || Number(customer.fan_id) !== input.fanId)
      throw new RevenueError(
        'not_found',
        `Customer #${input.customerId} is not linked to fan #${input.fanId}`,
      );
    const purchasesMoved = await movePurchases(tx, input.customerId, null);
    await tx.execute(sql`
      update customers set fan_id = null, linked_by = null, linked_by_user_id = null,
        linked_at = null
      where id = ${input.customerId}`);
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'customer.unlink',
      entity: 'fan',
      entityId: input.fanId,
      after: { customerId: input.customerId, purchasesMoved },
    });
    return { purchasesMoved };
  });
}

export interface FanCustomer {
  id: number;
  customerKey: string;
  linkedBy: 'order' | 'support' | 'bot';
  linkedAt: string | null;
  orders: number;
  /** Net revenue in the base currency (refunds subtracted; unconverted purchases left out). */
  revenue: string;
  lastOrderAt: string | null;
  value: {
    pAlive: number | null;
    expectedPurchases90d: number | null;
    clv12m: number | null;
    r: number;
    f: number;
    m: number;
    frequency: number;
  } | null;
}

/** The shop customers linked to a fan, with their orders' totals and their value scores. */
export async function fanCustomers(db: Executor, fanId: number): Promise<FanCustomer[]> {
  const rows = await db.execute<{
    id: string;
    customer_key: string;
    linked_by: FanCustomer['linkedBy'];
    linked_at: string | null;
    orders: number;
    revenue: string;
    last_order_at: string | null;
    p_alive: number | null;
    expected_purchases_90d: number | null;
    clv_12m: number | null;
    r_score: number | null;
    f_score: number | null;
    m_score: number | null;
    frequency: number | null;
  }>(sql`
    select c.id::text, c.customer_key, c.linked_by,
      to_char(c.linked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as linked_at,
      (select count(distinct p.order_id)::int from purchases p where p.customer_id = c.id) as orders,
      (select coalesce(sum(p.base_amount), 0)::text from purchases p where p.customer_id = c.id)
        as revenue,
      (select to_char(max(p.occurred_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        from purchases p where p.customer_id = c.id) as last_order_at,
      v.p_alive, v.expected_purchases_90d, v.clv_12m, v.r_score, v.f_score, v.m_score, v.frequency
    from customers c left join customer_values v on v.customer_id = c.id
    where c.fan_id = ${fanId} and c.customer_key not like 'erased:%'
    order by c.customer_key`);
  return rows.map((r) => ({
    id: Number(r.id),
    customerKey: r.customer_key,
    linkedBy: r.linked_by,
    linkedAt: r.linked_at,
    orders: r.orders,
    revenue: r.revenue,
    lastOrderAt: r.last_order_at,
    value:
      r.r_score === null
        ? null
        : {
            pAlive: r.p_alive,
            expectedPurchases90d: r.expected_purchases_90d,
            clv12m: r.clv_12m,
            r: r.r_score,
            f: r.f_score!,
            m: r.m_score!,
            frequency: r.frequency!,
          },
  }));
}
