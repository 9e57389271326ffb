import type PgBoss from 'pg-boss';
import type { Database } from '../../db/client';
import { refreshStageNow } from '../../lib/growth/rollups';
import { refreshLifecycle } from '../../lib/lifecycle/refresh';
import { fillStaleStageCounts } from '../../lib/lifecycle/stage-counts';

export const LIFECYCLE_REFRESH_QUEUE = 'lifecycle-refresh';
export const STAGE_COUNTS_QUEUE = 'stage-counts';

/** Days of stage counts one job computes; the next run carries on with the rest. */
const STAGE_COUNT_DAYS_PER_RUN = 10;

/**
 * The lifecycle job: every minute, and whenever a source asks after ingesting, it
 * refreshes the fans that changed or whose time came (a full pass after a publish). Stage
 * counts per day are filled in behind it, newest first, including past days after a
 * publish. Stately queues: at most one queued and one running, whichever process runs it.
 */
export async function registerLifecycleJobs(boss: PgBoss, db: Database): Promise<void> {
  for (const name of [LIFECYCLE_REFRESH_QUEUE, STAGE_COUNTS_QUEUE])
    await boss.createQueue(name, { name, policy: 'stately', retryLimit: 5, retryBackoff: true });
  await boss.schedule(LIFECYCLE_REFRESH_QUEUE, '* * * * *');
  await boss.schedule(STAGE_COUNTS_QUEUE, '*/5 * * * *');

  await boss.work(LIFECYCLE_REFRESH_QUEUE, async () => {
    const result = await refreshLifecycle(db);
    if (result.changes > 0) await refreshStageNow(db);
    if (result.changes > 0 || result.mode === 'full')
      console.log(
        `[lifecycle] ${result.mode}: ${result.fans} fans, ${result.changes} stage changes (rules v${result.ruleSetVersion})`,
      );
    if (result.mode === 'full') await boss.send(STAGE_COUNTS_QUEUE, {});
  });
  await boss.work(STAGE_COUNTS_QUEUE, async () => {
    const done = await fillStaleStageCounts(db, STAGE_COUNT_DAYS_PER_RUN);
    if (done === STAGE_COUNT_DAYS_PER_RUN) await boss.send(STAGE_COUNTS_QUEUE, {});
  });
}

/** For sources: look at the new facts now rather than at the next minute. */
export async function requestLifecycleRefresh(boss: PgBoss): Promise<void> {
  await boss.send(LIFECYCLE_REFRESH_QUEUE, {});
}
