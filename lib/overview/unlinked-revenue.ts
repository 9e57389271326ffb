import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { unconvertedPurchases } from '../revenue/currencies';

/**
 * Revenue not yet linked to fans (DESIGN §5b): the shop's customers that no fan is linked
 * to, and what they paid, all time, net of refunds, in the base currency. They count in
 * revenue totals and the value models, never in a fan's or a stage's figures.
 */
export interface UnlinkedRevenue {
  /** The base currency (null: no purchase stored yet). */
  currency: string | null;
  /** Customers with no fan. */
  customers: number;
  /** Their revenue, and everyone's, converted (purchases without a rate left out). */
  unlinked: number;
  total: number;
  /** unlinked / total; null when there is no revenue. */
  share: number | null;
  /** Purchases without a rate for their day: left out of both sums. */
  unconverted: { purchases: number; currencies: string[] };
}

export async function getUnlinkedRevenue(db: Executor): Promise<UnlinkedRevenue> {
  const [row] = await db.execute<{
    currency: string | null;
    customers: number;
    unlinked: string;
    total: string;
  }>(sql`
    select (select base_currency from revenue_settings) as currency,
      (select count(*)::int from customers where fan_id is null) as customers,
      coalesce(sum(p.base_amount) filter (where p.fan_id is null), 0)::text as unlinked,
      coalesce(sum(p.base_amount), 0)::text as total
    from purchases p
    -- A purchase's fan_id is its customer's (kept so by every link and unlink).
    where p.base_amount is not null`);
  const unlinked = Number(row?.unlinked ?? 0);
  const total = Number(row?.total ?? 0);
  return {
    currency: row?.currency?.trim() ?? null,
    customers: row?.customers ?? 0,
    unlinked,
    total,
    share: total > 0 ? unlinked / total : null,
    unconverted: await unconvertedPurchases(db),
  };
}
