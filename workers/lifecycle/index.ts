import { z } from 'zod';
import { refreshLifecycle } from '../../lib/lifecycle/refresh';
import { defineJob } from '../core/define-job';
import type { WorkerRun } from '../core/worker-context';

/**
 * The lifecycle job: every minute, and whenever a source asks after ingesting, it replays
 * the history of the fans with new facts and records the changes whose time came (every
 * fan after a publish or a time-zone change, in batches that show as progress).
 */
export const lifecycleRefreshJob = defineJob({
  name: 'lifecycle-refresh',
  payload: z.strictObject({}),
  queue: {
    policy: 'stately',
    retryLimit: 5,
    retryBackoff: true,
    // Replaying a million fans takes minutes. Each batch takes its fans off the queue under
    // an advisory lock, so a retry that starts while the first run goes on shares the work
    // rather than repeating it.
    expireInSeconds: 30 * 60,
  },
  schedule: { cron: '* * * * *', payload: {} },
  async handler(_, { db }: WorkerRun): Promise<void> {
    const result = await refreshLifecycle(db);
    if (result.changes > 0 || result.mode === 'full')
      console.log(
        `[lifecycle] ${result.mode}: ${result.fans} fans replayed, ${result.changes} stage changes, ${result.queued} queued (rules v${result.ruleSetVersion})`,
      );
  },
});

export const lifecycleJobs = [lifecycleRefreshJob];
