import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { baseAmount } from '../ingest/base-amount';

/**
 * Sets the base amount of the purchases `where` selects (alias `p`) from the base currency
 * and the rates as they now stand, and queues the fans of those that changed for a history
 * replay from the earliest of them: the high-value rule and ARPU count converted amounts.
 * Returns how many purchases changed.
 */
export async function convertPurchases(tx: Executor, where: SQL): Promise<number> {
  const [row] = await tx.execute<{ changed: number }>(sql`
    with target as (
      select p.id, ${baseAmount(sql`p.amount`, sql`p.currency`, sql`p.occurred_at`)} as base_amount
      from purchases p
      where ${where}
    ), changed as (
      update purchases p set base_amount = t.base_amount from target t
      where p.id = t.id and p.base_amount is distinct from t.base_amount
      returning p.fan_id, p.occurred_at
    ), queued as (
      insert into lifecycle_dirty_fans as q (fan_id, earliest_at, latest_at)
      select fan_id, min(occurred_at), max(occurred_at) from changed
      where fan_id is not null group by fan_id order by fan_id
      on conflict (fan_id) do update set
        earliest_at = least(q.earliest_at, excluded.earliest_at),
        latest_at = greatest(q.latest_at, excluded.latest_at)
      returning 1
    )
    select (select count(*) from changed)::int as changed, (select count(*) from queued) as q`);
  return row?.changed ?? 0;
}
