import type PgBoss from 'pg-boss';
import { QUEUE_SCHEMA } from '../queue';
import type { Job } from './define-job';
import { JobPayloadError } from './job-payload-error';

/**
 * Creates each job's queue, sets or clears its schedule, and starts its workers in this
 * process, with `context` handed to every handler.
 */
export async function registerJobs<C>(
  boss: PgBoss,
  context: C,
  jobs: readonly Job<unknown, C>[],
): Promise<void> {
  await createQueues(boss, jobs);
  for (const job of jobs)
    for (let i = 0; i < job.concurrency; i++)
      await boss.work(job.name, async ([queued]) => {
        const { id, data } = queued!;
        let payload: unknown;
        try {
          payload = job.parse(data);
        } catch (error) {
          if (error instanceof JobPayloadError) {
            // A payload that fails its schema fails the same way every time: no retries.
            await failWithoutRetry(boss, job.name, id);
            console.error(`[jobs] ${error.message}`);
          }
          throw error;
        }
        await job.run(payload, { ...context, boss, jobId: id });
      });
}

/**
 * Gives each job's queue the options of its definition (also a queue that exists:
 * pg-boss's createQueue leaves one as it was) and sets or clears its schedule.
 */
export async function createQueues<C>(boss: PgBoss, jobs: readonly Job<unknown, C>[]) {
  for (const job of jobs) {
    const queue = {
      name: job.name,
      ...job.queue,
      retryDelay: job.queue.retryDelay ?? 0,
      retryBackoff: job.queue.retryBackoff ?? false,
    };
    await boss.createQueue(job.name, queue);
    await boss.updateQueue(job.name, queue);
    if (job.schedule)
      await boss.schedule(job.name, job.schedule.cron, job.parse(job.schedule.payload) as object);
    else await boss.unschedule(job.name);
  }
}

/**
 * pg-boss 10 has no non-retryable error: a failed job is retried while its retry_count is
 * below its own retry_limit. Lowering that limit to the count first makes the failure that
 * follows (the thrown error) final.
 */
async function failWithoutRetry(boss: PgBoss, name: string, id: string): Promise<void> {
  await boss
    .getDb()
    .executeSql(
      `update ${QUEUE_SCHEMA}.job set retry_limit = retry_count where name = $1 and id = $2`,
      [name, id],
    );
}
