import bigInt from 'big-integer';
import { sql } from 'drizzle-orm';
import { Api } from 'telegram';
import { FloodWaitError } from 'telegram/errors';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { gramjsSource } from './source';
import { snapshotParticipants, syncAdminLog } from './sync-members';
import { ingestBatch } from '../../lib/ingest';
import { fakeCommunity, fakeTelegram, trackFakeChat } from './testing/fake-chat';
import { stubClient } from './testing/stub-client';

const community = fakeCommunity;
const noSleep = { sleep: async () => {} };

async function memberships(db: Database) {
  const [row] = await db.execute<Record<string, number>>(sql`select
    (select count(*) from memberships where source = 'admin_log' and action = 'join')::int as log_joins,
    (select count(*) from memberships where source = 'admin_log' and action = 'leave')::int as log_leaves,
    (select count(*) from memberships where invite_link is not null)::int as link_joins,
    (select count(*) from memberships where source = 'participants')::int as members,
    (select count(*) from memberships where source = 'participants'
      and invited_by_fan_id is not null)::int as invited`);
  return row!;
}

async function state(db: Database, stream: string) {
  const [row] = await db.execute<{
    cursor: unknown;
    progress_done: number;
    progress_total: number | null;
  }>(sql`select cursor, progress_done, progress_total from sync_state where stream = ${stream}`);
  return row;
}

describe('members from Telegram', () => {
  it('reads the admin log down to the newest stored event, and later only what is newer', async () => {
    const { db } = await useTestDb();
    await trackFakeChat(db);
    const telegram = fakeTelegram(0);
    telegram.setAdminLog(70);
    const request = new Api.channels.GetAdminLog({
      channel: new Api.InputChannelEmpty(),
      q: '',
      maxId: bigInt(0),
      minId: bigInt(0),
      limit: 30,
    });
    telegram.failOn(2, new FloodWaitError({ request, capture: 3 }));
    const sleeps: number[] = [];
    const source = gramjsSource(telegram.client);
    const first = await syncAdminLog(db, source, community, {
      pageSize: 30,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect([first, sleeps]).toEqual([70, [3000]]);
    // 1..70: leaves every fifth (14), invite-link joins every seventh not fifth (8), joins the rest.
    expect(await memberships(db)).toMatchObject({ log_joins: 56, log_leaves: 14, link_joins: 8 });
    expect((await state(db, 'admin_log'))!.cursor).toEqual({ newestId: '70' });

    telegram.setAdminLog(85);
    expect(await syncAdminLog(db, source, community, { pageSize: 30, ...noSleep })).toBe(15);
    expect(await memberships(db)).toMatchObject({ log_joins: 68, log_leaves: 17 });
  });

  it('snapshots the member list with join dates and inviters, once however often it is read', async () => {
    const { db } = await useTestDb();
    await trackFakeChat(db);
    const telegram = fakeTelegram(0);
    telegram.setMembers(450);
    const source = gramjsSource(telegram.client);
    expect(await snapshotParticipants(db, source, community, { pageSize: 200, ...noSleep })).toBe(
      450,
    );
    expect(await snapshotParticipants(db, source, community, { pageSize: 200, ...noSleep })).toBe(
      450,
    );
    expect(await memberships(db)).toMatchObject({ members: 450, invited: 150 });
    expect(await state(db, 'participants')).toMatchObject({
      progress_done: 450,
      progress_total: 450,
    });
  });

  it("reads a basic group's members from its full chat, with join dates and inviters", async () => {
    const { db } = await useTestDb();
    const group = { telegramId: -333, kind: 'group' as const };
    await ingestBatch(db, [
      { kind: 'community', telegramId: group.telegramId, type: 'group', title: 'Basic group' },
    ]);
    const joined = Date.parse('2026-04-01T08:00:00Z') / 1000;
    const asked: Api.AnyRequest[] = [];
    const client = stubClient((request) => {
      asked.push(request);
      return new Api.messages.ChatFull({
        fullChat: new Api.ChatFull({
          id: bigInt(333),
          about: '',
          participants: new Api.ChatParticipants({
            chatId: bigInt(333),
            version: 1,
            participants: [
              // The creator's list entry carries no join date: nothing to record.
              new Api.ChatParticipantCreator({ userId: bigInt(1) }),
              new Api.ChatParticipant({ userId: bigInt(2), inviterId: bigInt(1), date: joined }),
              new Api.ChatParticipantAdmin({
                userId: bigInt(3),
                inviterId: bigInt(1),
                date: joined + 60,
              }),
            ],
          }),
          notifySettings: new Api.PeerNotifySettings({}),
        }),
        chats: [],
        users: [1, 2, 3].map((id) => new Api.User({ id: bigInt(id), firstName: `Member ${id}` })),
      });
    });
    const source = gramjsSource(client);
    expect(await snapshotParticipants(db, source, group, { pageSize: 200, ...noSleep })).toBe(3);
    expect(asked.map((r) => r.className)).toEqual(['messages.GetFullChat']);
    expect((asked[0] as Api.messages.GetFullChat).chatId.toJSNumber()).toBe(333);
    const rows = await db.execute<{ fan: number; inviter: number | null; at: string }>(sql`
      select f.telegram_user_id as fan, i.telegram_user_id as inviter,
        to_char(m.occurred_at at time zone 'UTC', 'HH24:MI') as at
      from memberships m join fans f on f.id = m.fan_id
      left join fans i on i.id = m.invited_by_fan_id
      where m.source = 'participants' order by fan`);
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { fan: 2, inviter: 1, at: '08:00' },
      { fan: 3, inviter: 1, at: '08:01' },
    ]);
    expect(await state(db, 'participants')).toMatchObject({ progress_done: 3, progress_total: 3 });
  });
});
