import { z } from 'zod';
import { runDemoTick } from '../../lib/demo/live-tick';
import { appSecretOf } from '../../lib/env';
import { defineJob } from '../core/define-job';
import type { WorkerRun } from '../core/worker-context';
import { lifecycleRefreshJob } from '../lifecycle';

/**
 * The demo source: once a minute it plays the simulated community forward to now.
 * A stately queue holds at most one queued and one active tick, whichever process runs it.
 */
export const demoTickJob = defineJob({
  name: 'demo-tick',
  payload: z.strictObject({}),
  queue: {
    policy: 'stately',
    retryLimit: 3,
    retryBackoff: true,
    // A tick simulates at most six hours (after a long stop) in one transaction that locks
    // the demo cursor: seconds, and a second tick waits for the lock rather than overlapping.
    expireInSeconds: 10 * 60,
  },
  schedule: { cron: '* * * * *', payload: {} },
  async handler(_, { db, boss }: WorkerRun): Promise<void> {
    const result = await runDemoTick(db, new Date(), appSecretOf());
    if (result && result.events + result.memberships + result.purchases > 0)
      await lifecycleRefreshJob.send(boss, {});
    if (result)
      console.log(
        `[demo] +${result.events} events, +${result.newFans} fans, +${result.memberships} joins/leaves`,
      );
  },
});
