import { z } from 'zod';
import { refreshGrowthRollups } from '../../lib/growth/rollups';
import { defineJob } from '../core/define-job';
import type { WorkerRun } from '../core/worker-context';

/**
 * Recomputes the growth charts' rollups every five minutes, whichever process takes the
 * job (stately: at most one queued and one running). The charts say when their data is from.
 */
export const growthRollupsJob = defineJob({
  name: 'growth-rollups',
  payload: z.strictObject({}),
  queue: {
    policy: 'stately',
    retryLimit: 3,
    retryBackoff: true,
    // Rebuilds every rollup from the facts: well under a minute at bench scale, minutes
    // at the largest; each rollup is replaced in its own transaction, so an overlap is harmless.
    expireInSeconds: 30 * 60,
  },
  schedule: { cron: '*/5 * * * *', payload: {} },
  async handler(_, { db }: WorkerRun): Promise<void> {
    const timings = await refreshGrowthRollups(db);
    const total = timings.reduce((sum, t) => sum + t.ms, 0);
    console.log(`[growth] rollups refreshed in ${total} ms`);
  },
});
