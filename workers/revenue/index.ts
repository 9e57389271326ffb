import { z } from 'zod';
import { requestNightlyFit, runWaitingValueFit } from '../../lib/revenue/value-fit-requests';
import { defineJob } from '../core/define-job';
import type { WorkerRun } from '../core/worker-context';

/** Asks for the nightly fit of the value models (03:00 UTC). */
export const nightlyValueFitJob = defineJob({
  name: 'value-fit-nightly',
  payload: z.strictObject({}),
  queue: { policy: 'stately', retryLimit: 3, retryBackoff: true, expireInSeconds: 60 },
  schedule: { cron: '0 3 * * *', payload: {} },
  async handler(_, { db }: WorkerRun): Promise<void> {
    if (await requestNightlyFit(db)) console.log('[value] nightly fit requested');
  },
});

/**
 * Runs the fits asked for (on Growth, or nightly), checked every minute. One at a time
 * (stately); a fit at a million customers takes a few minutes.
 */
export const valueFitJob = defineJob({
  name: 'value-fit',
  payload: z.strictObject({}),
  queue: { policy: 'stately', retryLimit: 1, expireInSeconds: 60 * 60 },
  schedule: { cron: '* * * * *', payload: {} },
  async handler(_, { db }: WorkerRun): Promise<void> {
    const started = performance.now();
    const fitId = await runWaitingValueFit(db);
    if (fitId !== null)
      console.log(`[value] fit ${fitId} in ${Math.round(performance.now() - started)} ms`);
  },
});

export const revenueJobs = [nightlyValueFitJob, valueFitJob];
