import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { inlineNumbers } from './sql-arrays';

/**
 * Takes the batch's communities FOR KEY SHARE, in id order, until the batch commits. A time
 * zone change (lib/communities/time-zone.ts) holds its community FOR UPDATE while it
 * recounts that community's fan_daily in the new zone, and the two locks exclude each
 * other: the batch's fan_daily rows are then counted in the zone that ends up stored, never
 * in the old one after the recount. Batches share the lock (and the renames of
 * upsertCommunities, FOR NO KEY UPDATE, go with it), so they never wait for one another here.
 *
 * Sent before the fans and facts statements: each of those then reads with a snapshot
 * taken once the lock is held, so it sees a zone change that committed while it waited.
 */
export async function lockCommunities(tx: Executor, telegramIds: readonly number[]): Promise<void> {
  if (telegramIds.length === 0) return;
  await tx.execute(sql`
    select id from communities where telegram_id = any(${inlineNumbers(telegramIds, 'bigint')})
    order by id for key share`);
}
