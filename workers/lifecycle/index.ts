import { z } from 'zod';
import { refreshStageNow } from '../../lib/growth/rollups';
import { refreshLifecycle } from '../../lib/lifecycle/refresh';
import { fillStaleStageCounts } from '../../lib/lifecycle/stage-counts';
import { defineJob } from '../core/define-job';
import type { WorkerRun } from '../core/worker-context';

/** Days of stage counts one job computes; the next run carries on with the rest. */
const STAGE_COUNT_DAYS_PER_RUN = 10;

/**
 * Stage counts per day, filled in behind the lifecycle job, newest first, including past
 * days after a publish. Stately: at most one queued and one running, whichever process.
 */
export const stageCountsJob = defineJob({
  name: 'stage-counts',
  payload: z.strictObject({}),
  queue: {
    policy: 'stately',
    retryLimit: 5,
    retryBackoff: true,
    // Ten days of counts, each one grouped scan of a day's stages: seconds at bench scale.
    expireInSeconds: 15 * 60,
  },
  schedule: { cron: '*/5 * * * *', payload: {} },
  async handler(_, { db, boss }: WorkerRun): Promise<void> {
    const done = await fillStaleStageCounts(db, STAGE_COUNT_DAYS_PER_RUN);
    if (done === STAGE_COUNT_DAYS_PER_RUN) await stageCountsJob.send(boss, {});
  },
});

/**
 * The lifecycle job: every minute, and whenever a source asks after ingesting, it
 * refreshes the fans that changed or whose time came (a full pass after a publish).
 */
export const lifecycleRefreshJob = defineJob({
  name: 'lifecycle-refresh',
  payload: z.strictObject({}),
  queue: {
    policy: 'stately',
    retryLimit: 5,
    retryBackoff: true,
    // A full pass over a million fans takes minutes; it runs in one transaction under an
    // advisory lock, so even a retry that starts while it goes on waits rather than overlaps.
    expireInSeconds: 30 * 60,
  },
  schedule: { cron: '* * * * *', payload: {} },
  async handler(_, { db, boss }: WorkerRun): Promise<void> {
    const result = await refreshLifecycle(db);
    if (result.changes > 0) await refreshStageNow(db);
    if (result.changes > 0 || result.mode === 'full')
      console.log(
        `[lifecycle] ${result.mode}: ${result.fans} fans, ${result.changes} stage changes (rules v${result.ruleSetVersion})`,
      );
    if (result.mode === 'full') await stageCountsJob.send(boss, {});
  },
});

export const lifecycleJobs = [lifecycleRefreshJob, stageCountsJob];
