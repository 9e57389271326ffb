import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { jsonRows } from './sql-json';

/**
 * Queues fans whose facts this batch touched for the lifecycle job, in the batch's own
 * transaction: a fact is never stored without its fan being looked at again.
 */
export async function markFansChanged(tx: Executor, fanIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(fanIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await tx.execute(sql`
    insert into lifecycle_dirty_fans (fan_id)
    select jsonb_array_elements_text(${jsonRows(ids)})::bigint
    on conflict do nothing`);
}
