import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { jsonRows } from './sql-json';

/**
 * Queues fans whose facts this batch touched for the lifecycle job, with the time of each
 * one's newest fact, in the batch's own transaction: a fact is never stored without its
 * fan being looked at again once the fact's time has come.
 */
export async function markFansChanged(
  tx: Executor,
  facts: Iterable<{ fanId: number; at: Date }>,
): Promise<void> {
  const latest = new Map<number, number>();
  for (const { fanId, at } of facts)
    latest.set(fanId, Math.max(latest.get(fanId) ?? -Infinity, at.getTime()));
  if (latest.size === 0) return;
  const rows = [...latest]
    .sort(([a], [b]) => a - b)
    .map(([fan_id, at]) => ({ fan_id, latest_at: new Date(at).toISOString() }));
  await tx.execute(sql`
    insert into lifecycle_dirty_fans (fan_id, latest_at)
    select r.fan_id, r.latest_at
    from jsonb_to_recordset(${jsonRows(rows)}) as r(fan_id bigint, latest_at timestamptz)
    on conflict (fan_id) do update set latest_at = excluded.latest_at
      where excluded.latest_at > lifecycle_dirty_fans.latest_at`);
}
