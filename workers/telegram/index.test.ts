import { sql } from 'drizzle-orm';
import { Api } from 'telegram';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../../db/testing/test-db';
import { saveAccount, trackCommunity } from '../../lib/telegram/accounts';
import { createQueues } from '../core/register-jobs';
import { startQueue } from '../queue';
import { queueHistorySyncs, registerTelegramSync } from './index';
import { telegramSyncJob } from './sync-job';
import { BOT_API_ID, chatMessage, fakeTelegram } from './testing/fake-chat';

const config = { apiId: 1, apiHash: '0'.repeat(32), appSecret: 's'.repeat(32) };

describe('the Telegram source on the job queue', () => {
  it('queues one sync job per community at a time and syncs history, admin log and members with the stored session', async () => {
    const { db, url } = await useTestDb();
    const boss = await startQueue(url);
    afterAll(() => boss.stop({ graceful: false, wait: true }));
    const accountId = await saveAccount(
      db,
      { label: 'brand', phone: null, session: 'stored-session' },
      config.appSecret,
    );
    await trackCommunity(db, accountId, {
      kind: 'community',
      telegramId: BOT_API_ID,
      type: 'supergroup',
      title: 'Fake group',
    });

    await createQueues(boss, [telegramSyncJob]);
    expect(await queueHistorySyncs(boss, db)).toBe(1);
    // Already waiting: a second round (another worker process, the next cron tick) adds none.
    expect(await queueHistorySyncs(boss, db)).toBe(0);

    const sessions: string[] = [];
    let onUpdate: ((update: Api.TypeUpdate) => void) | null = null;
    const telegram = fakeTelegram(120);
    telegram.setAdminLog(10);
    telegram.setMembers(30);
    telegram.client.addEventHandler = ((handler: (update: Api.TypeUpdate) => void) => {
      onUpdate = handler;
    }) as typeof telegram.client.addEventHandler;

    const accounts = await registerTelegramSync(boss, db, config, async (_, session) => {
      sessions.push(session);
      return telegram.client;
    });
    afterAll(() => accounts?.stop());
    for (let i = 0; i < 200; i++) {
      const [row] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from sync_state where last_success_at is not null`,
      );
      if (row!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(sessions).toEqual(['stored-session']);
    for (let i = 0; i < 200; i++) {
      const [row] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from sync_state
          where stream = 'participants' and last_success_at is not null`,
      );
      // The member list is the job's last stream.
      if (row!.n === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [stored] = await db.execute<{ events: number; members: number }>(sql`select
      (select count(*) from events)::int as events,
      (select count(distinct fan_id) from memberships where source in ('admin_log', 'participants'))::int as members`);
    expect(stored!.events).toBeGreaterThan(100);
    expect(stored!.members).toBe(40);

    // A live update about the community asks for its sync at once.
    const requests = telegram.requests.length;
    telegram.setNewest(125);
    onUpdate!(new Api.UpdateNewChannelMessage({ message: chatMessage(125), pts: 2, ptsCount: 1 }));
    for (let i = 0; i < 200 && telegram.requests.length === requests; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(telegram.requests.length).toBeGreaterThan(requests);
  });
});
