import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestDb } from '../../db/testing/test-db';
import { defineJob } from '../core/define-job';
import { registerJobs } from '../core/register-jobs';
import { until } from '../core/testing/until';
import { startQueue } from '../queue';
import { telegramSyncJob } from './sync-job';

describe('the Telegram sync queue', () => {
  it("runs the other communities' syncs while one community's long backfill goes on", async () => {
    const { url } = await useTestDb();
    const boss = await startQueue(url);
    let release!: () => void;
    const backfill = new Promise<void>((resolve) => (release = resolve));
    const ran: string[] = [];
    // The sync job's queue and policy, with a handler that holds one community. Two workers:
    // one busy with it, one free (more free ones could skip past a locked head by chance).
    const probe = defineJob({
      name: 'probe-telegram-sync',
      payload: z.object({ community: z.string(), long: z.boolean() }),
      queue: telegramSyncJob.queue,
      concurrency: 2,
      singletonKey: ({ community }) => community,
      handler: async ({ community, long }) => {
        ran.push(community);
        if (long) await backfill;
      },
    });
    try {
      await registerJobs(boss, {}, [probe]);
      await probe.send(boss, { community: 'large', long: true });
      await until(() => ran.includes('large'));
      // The next round queues both, the running community first.
      expect(await probe.send(boss, { community: 'large', long: false })).not.toBeNull();
      await probe.send(boss, { community: 'small', long: false });
      await until(() => ran.includes('small'), { timeoutMs: 15_000 });
      expect(ran).toContain('small');
    } finally {
      release();
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
