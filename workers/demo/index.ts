import type PgBoss from 'pg-boss';
import type { Database } from '../../db/client';
import { runDemoTick } from '../../lib/demo/live-tick';
import { requestLifecycleRefresh } from '../lifecycle';

export const DEMO_TICK_QUEUE = 'demo-tick';

/**
 * The demo source: once a minute it plays the simulated community forward to now.
 * A stately queue holds at most one queued and one active tick, whichever process runs it.
 */
export async function registerDemoSource(boss: PgBoss, db: Database): Promise<void> {
  await boss.createQueue(DEMO_TICK_QUEUE, {
    name: DEMO_TICK_QUEUE,
    policy: 'stately',
    retryLimit: 3,
    retryBackoff: true,
  });
  await boss.schedule(DEMO_TICK_QUEUE, '* * * * *');
  await boss.work(DEMO_TICK_QUEUE, async () => {
    const result = await runDemoTick(db);
    if (result && result.events + result.memberships + result.purchases > 0)
      await requestLifecycleRefresh(boss);
    if (result)
      console.log(
        `[demo] +${result.events} events, +${result.newFans} fans, +${result.memberships} joins/leaves`,
      );
  });
}
