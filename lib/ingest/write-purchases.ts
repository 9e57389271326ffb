import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { customerKeyOf, type FactOf } from './facts';
import { baseAmount } from './base-amount';
import { column, epochTime, numberArray, textArray, timeArray } from './sql-arrays';

type Position = (telegramId: number | null | undefined) => number | null | undefined;

/**
 * The facts statement's parts for purchases: the customers (created, or linked by the
 * Telegram id in an order when not linked yet), the earlier purchases of a customer this
 * links (moved to the fan, so its history is replayed from them), and the purchases, each
 * with its amount in the base currency at its day's rate (null without one). Refunds are
 * stored negative. Customers are written in key order, like every other table.
 */
export function purchaseWrites(
  purchases: readonly FactOf<'purchase'>[],
  fan: Position,
  community: Position,
): SQL[] {
  return [
    sql`cu_in as (
      select distinct on (r.customer) r.customer, (select fan from ids)[r.fan] as fan_id
      from unnest(
        ${column(textArray(purchases.map(customerKeyOf)), 'text')},
        ${column(numberArray(purchases.map((p) => fan(p.fan))), 'int')}
      ) with ordinality as r(customer, fan, pos)
      order by r.customer, r.fan is null, r.pos
    ), cu as (
      insert into customers as c (customer_key, fan_id, linked_by, linked_at)
      select customer, fan_id, case when fan_id is not null then 'order'::customer_link_source end,
        case when fan_id is not null then now() end
      from cu_in order by customer
      on conflict (customer_key) do update set
        fan_id = coalesce(c.fan_id, excluded.fan_id),
        linked_by = coalesce(c.linked_by, excluded.linked_by),
        linked_at = coalesce(c.linked_at, excluded.linked_at)
      returning c.id, c.customer_key, c.fan_id
    ), relinked as (
      update purchases p set fan_id = cu.fan_id from cu
      where p.customer_id = cu.id and p.fan_id is null and cu.fan_id is not null
      returning p.fan_id, p.occurred_at
    ), pu as (
      insert into purchases (source_key, order_id, customer_id, fan_id, community_id, status,
        amount, currency, base_amount, occurred_at)
      select r.source_key, r.order_id, cu.id, cu.fan_id, (select community from ids)[r.community],
        r.status, r.signed, r.currency,
        ${baseAmount(sql`r.signed`, sql`r.currency`, sql`r.occurred_at`)},
        r.occurred_at
      from (
        select r.*, ${epochTime(sql`r.at_ms`)} as occurred_at,
          case when r.status = 'refunded' then -r.amount else r.amount end as signed
        from unnest(
          ${column(textArray(purchases.map((p) => p.sourceKey)), 'text')},
          ${column(textArray(purchases.map((p) => p.orderId)), 'text')},
          ${column(textArray(purchases.map(customerKeyOf)), 'text')},
          ${column(numberArray(purchases.map((p) => community(p.community))), 'int')},
          ${column(textArray(purchases.map((p) => p.status)), 'purchase_status')},
          ${column(numberArray(purchases.map((p) => p.amount)), 'numeric')},
          ${column(textArray(purchases.map((p) => p.currency)), 'text')},
          ${column(timeArray(purchases.map((p) => p.at)), 'bigint')}
        ) with ordinality as r(source_key, order_id, customer, community, status, amount,
          currency, at_ms, pos)
      ) r
      join cu on cu.customer_key = r.customer
      order by r.source_key collate "C", r.pos
      on conflict (source_key) do nothing
      returning fan_id, occurred_at
    )`,
  ];
}

/**
 * The first purchase ever stored sets the base currency to its own, so a shop with one
 * currency needs no setup. Its own statement, ahead of the facts, so the facts see it
 * even when another batch set it a moment ago.
 */
export async function ensureBaseCurrency(tx: Executor, currency: string): Promise<void> {
  await tx.execute(sql`
    insert into revenue_settings (id, base_currency) values (1, ${currency})
    on conflict (id) do nothing`);
}
