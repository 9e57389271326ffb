import type PgBoss from 'pg-boss';
import type { Database } from '../../db/client';
import { refreshGrowthRollups } from '../../lib/growth/rollups';

export const GROWTH_ROLLUPS_QUEUE = 'growth-rollups';

/**
 * Recomputes the growth charts' rollups every five minutes, whichever process takes the
 * job (stately: at most one queued and one running). The charts say when their data is from.
 */
export async function registerGrowthJobs(boss: PgBoss, db: Database): Promise<void> {
  await boss.createQueue(GROWTH_ROLLUPS_QUEUE, {
    name: GROWTH_ROLLUPS_QUEUE,
    policy: 'stately',
    retryLimit: 3,
    retryBackoff: true,
  });
  await boss.schedule(GROWTH_ROLLUPS_QUEUE, '*/5 * * * *');
  await boss.work(GROWTH_ROLLUPS_QUEUE, async () => {
    const timings = await refreshGrowthRollups(db);
    const total = timings.reduce((sum, t) => sum + t.ms, 0);
    console.log(`[growth] rollups refreshed in ${total} ms`);
  });
}
