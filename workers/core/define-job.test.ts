import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { startQueue } from '../queue';
import { defineJob, type QueuePolicy } from './define-job';
import { JobPayloadError } from './job-payload-error';
import { registerJobs } from './register-jobs';
import { until } from './testing/until';

const queue: QueuePolicy = { policy: 'standard', retryLimit: 3, expireInSeconds: 60 };
const payload = z.object({ accountId: z.number().int(), note: z.string().optional() });

let db: Database;
let boss: PgBoss;
beforeAll(async () => {
  const handle = await useTestDb();
  db = handle.db;
  boss = await startQueue(handle.url);
});
afterAll(() => boss.stop({ graceful: false, wait: true }));

async function jobRow(name: string, id: string) {
  const [row] = await db.execute<{
    state: string;
    retry_count: number;
    expire_in: string;
    retry_limit: number;
    output: { message?: string } | null;
  }>(sql`select state, retry_count, retry_limit, expire_in::text, output
    from pgboss.job where name = ${name} and id = ${id}`);
  return row;
}

describe('a job declared once', () => {
  it('refuses a bad payload when queued: the error names the job and the field, and nothing is queued', async () => {
    const job = defineJob({ name: 'test-refused', payload, queue, handler: async () => {} });
    await registerJobs(boss, {}, [job]);

    const sending = job.send(boss, { accountId: 'seven' } as never);
    await expect(sending).rejects.toBeInstanceOf(JobPayloadError);
    await expect(sending).rejects.toThrow(/test-refused.*accountId/);
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = 'test-refused'`,
    );
    expect(row!.n).toBe(0);
  });

  it('fails a queued job whose payload is bad without retrying it; the handler never sees it', async () => {
    const seen: unknown[] = [];
    const job = defineJob({
      name: 'test-bad-payload',
      payload,
      queue: { ...queue, retryLimit: 3, retryDelay: 0 },
      handler: async (data) => {
        seen.push(data);
      },
    });
    await registerJobs(boss, {}, [job]);

    // Queued past the check, as an older release or a hand-written row would.
    const bad = (await boss.send('test-bad-payload', { accountId: 'seven' }))!;
    const good = (await job.send(boss, { accountId: 7 }))!;
    await until(async () => (await jobRow('test-bad-payload', good))?.state === 'completed');
    await until(async () => (await jobRow('test-bad-payload', bad))?.state === 'failed');

    const failed = await jobRow('test-bad-payload', bad);
    expect(failed!.retry_count).toBe(0);
    expect(failed!.output?.message).toMatch(/test-bad-payload.*accountId/);
    expect(seen).toEqual([{ accountId: 7 }]);
  });

  it("writes the definition's policy, retry and expiry to pg-boss's queue table, also over an existing queue", async () => {
    // Created earlier with other options (an older release): createQueue alone keeps them.
    await boss.createQueue('test-options', {
      name: 'test-options',
      policy: 'standard',
      retryLimit: 1,
    });
    const job = defineJob({
      name: 'test-options',
      payload,
      queue: {
        policy: 'stately',
        retryLimit: 4,
        retryDelay: 30,
        retryBackoff: true,
        expireInSeconds: 90 * 60,
      },
      handler: async () => {},
    });
    await registerJobs(boss, {}, [job]);

    const [stored] = await db.execute(sql`select policy, retry_limit, retry_delay, retry_backoff,
      expire_seconds from pgboss.queue where name = 'test-options'`);
    expect(stored).toEqual({
      policy: 'stately',
      retry_limit: 4,
      retry_delay: 30,
      retry_backoff: true,
      expire_seconds: 5400,
    });
    const id = (await job.send(boss, { accountId: 1 }))!;
    expect(await jobRow('test-options', id)).toMatchObject({
      retry_limit: 4,
      expire_in: '01:30:00',
    });
  });

  it('registers its schedule with a checked payload, and clears it when the definition drops it', async () => {
    const scheduled = defineJob({
      name: 'test-scheduled',
      payload,
      queue,
      schedule: { cron: '*/5 * * * *', payload: { accountId: 3 } },
      handler: async () => {},
    });
    await registerJobs(boss, {}, [scheduled]);
    const schedules = () =>
      db.execute(sql`select name, cron, data from pgboss.schedule where name = 'test-scheduled'`);
    expect(await schedules()).toEqual([
      { name: 'test-scheduled', cron: '*/5 * * * *', data: { accountId: 3 } },
    ]);

    await registerJobs(boss, {}, [{ ...scheduled, schedule: undefined }]);
    expect(await schedules()).toEqual([]);

    const badSchedule = defineJob({
      name: 'test-bad-schedule',
      payload,
      queue,
      schedule: { cron: '* * * * *', payload: { accountId: 'x' } as never },
      handler: async () => {},
    });
    await expect(registerJobs(boss, {}, [badSchedule])).rejects.toThrow(/test-bad-schedule/);
  });

  it('runs as many jobs at once in one process as its concurrency, each with the context', async () => {
    let running = 0;
    let most = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const contexts: unknown[] = [];
    const job = defineJob({
      name: 'test-concurrency',
      payload,
      queue,
      concurrency: 3,
      handler: async (_, context: { label: string }) => {
        contexts.push(context.label);
        most = Math.max(most, ++running);
        await gate;
        running--;
      },
    });
    await registerJobs(boss, { label: 'worker' }, [job]);
    for (let i = 0; i < 3; i++) await job.send(boss, { accountId: i });
    await until(() => most === 3);
    release();
    expect(contexts).toEqual(['worker', 'worker', 'worker']);
  });
});
