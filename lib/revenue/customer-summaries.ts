import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { CustomerSummary } from '../value/types';

export interface CustomerRow extends CustomerSummary {
  customerId: number;
  customerKey: string;
  telegramUserId: number | null;
}

export interface CustomerSummaries {
  asOf: Date;
  /** The base currency every value is in (null: no purchase stored yet). */
  currency: string | null;
  customers: CustomerRow[];
  /** Purchases up to as-of left out for want of a rate, and the customers with only those. */
  unconverted: { purchases: number; customersLeftOut: number };
}

/**
 * Every customer's purchase occasions up to `asOf`, summarised for the value models
 * (DESIGN §5b): an occasion is a calendar day (UTC) with at least one paid purchase, its
 * value the day's amounts in the base currency, a refund counted on its order's paid day;
 * x = occasions − 1, tx = days from the first to the last occasion, T = days from the first
 * occasion to as-of's day, monetary = the mean value of the repeat occasions (0 when none).
 * Purchases without a rate for their day are left out (and counted).
 */
export async function customerSummaries(db: Executor, asOf: Date): Promise<CustomerSummaries> {
  const at = asOf.toISOString();
  const rows = await db.execute<{
    customer_id: string;
    customer_key: string;
    telegram_user_id: string | null;
    x: number;
    tx: number;
    age: number;
    monetary: string;
  }>(sql`
    with p as (
      select p.customer_id, p.base_amount, p.status,
        ((case when p.status = 'refunded' then coalesce(
          (select min(o.occurred_at) from purchases o
            where o.order_id = p.order_id and o.customer_id = p.customer_id
              and o.status = 'paid'),
          p.occurred_at) else p.occurred_at end) at time zone 'UTC')::date as day
      from purchases p
      where p.occurred_at <= ${at}::timestamptz and p.base_amount is not null
    ), occasions as (
      select customer_id, day, sum(base_amount) as value
      from p group by customer_id, day
      having bool_or(status = 'paid')
    ), per_customer as (
      select customer_id, (count(*) - 1)::int as x, (max(day) - min(day))::int as tx,
        ((${at}::timestamptz at time zone 'UTC')::date - min(day))::int as age,
        coalesce((sum(value) - (array_agg(value order by day))[1]) / nullif(count(*) - 1, 0), 0)
          as monetary
      from occasions group by customer_id
    )
    select c.id::text as customer_id, c.customer_key, f.telegram_user_id::text,
      pc.x, pc.tx, pc.age, pc.monetary::text
    from per_customer pc join customers c on c.id = pc.customer_id
    left join fans f on f.id = c.fan_id
    order by c.id`);
  const [left] = await db.execute<{ purchases: number; customers: number; currency: string }>(sql`
    select
      (select count(*)::int from purchases
        where occurred_at <= ${at}::timestamptz and base_amount is null) as purchases,
      (select count(*)::int from (
        select customer_id from purchases where occurred_at <= ${at}::timestamptz
        group by customer_id having bool_and(base_amount is null)) c) as customers,
      (select base_currency from revenue_settings) as currency`);
  return {
    asOf,
    currency: left?.currency ?? null,
    customers: rows.map((r) => ({
      customerId: Number(r.customer_id),
      customerKey: r.customer_key,
      telegramUserId: r.telegram_user_id === null ? null : Number(r.telegram_user_id),
      x: r.x,
      tx: r.tx,
      T: r.age,
      monetary: Number(r.monetary),
    })),
    unconverted: { purchases: left?.purchases ?? 0, customersLeftOut: left?.customers ?? 0 },
  };
}
