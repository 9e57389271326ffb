import bigInt from 'big-integer';
import { sql } from 'drizzle-orm';
import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../../db/testing/test-db';
import { saveAccount, trackCommunity } from '../../lib/telegram/accounts';
import { gramjsSource } from './source';
import { trackDiscussionGroup } from './sync-discussion';
import { stubClient } from './testing/stub-client';

const CHANNEL_ID = 111_000;
const GROUP_ID = 222_000;
const channel = { telegramId: Number(`-100${CHANNEL_ID}`), kind: 'channel' as const };
const noSleep = { sleep: async () => {} };

/** channels.GetFullChannel as Telegram answers it, with or without a linked group. */
function fullChannel(linked: boolean) {
  return new Api.messages.ChatFull({
    fullChat: new Api.ChannelFull({
      id: bigInt(CHANNEL_ID),
      about: '',
      readInboxMaxId: 0,
      readOutboxMaxId: 0,
      unreadCount: 0,
      chatPhoto: new Api.PhotoEmpty({ id: bigInt(0) }),
      notifySettings: new Api.PeerNotifySettings({}),
      botInfo: [],
      pts: 1,
      linkedChatId: linked ? bigInt(GROUP_ID) : undefined,
    }),
    chats: [
      new Api.Channel({
        id: bigInt(CHANNEL_ID),
        title: 'Brand',
        photo: new Api.ChatPhotoEmpty(),
        date: 0,
        broadcast: true,
      }),
      ...(linked
        ? [
            new Api.Channel({
              id: bigInt(GROUP_ID),
              title: 'Brand chat',
              username: 'brandchat',
              photo: new Api.ChatPhotoEmpty(),
              date: 0,
              megagroup: true,
            }),
          ]
        : []),
    ],
    users: [],
  });
}

describe("a channel's discussion group", () => {
  it('is tracked with the channel, linked to it and synced by the same account, once', async () => {
    const { db } = await useTestDb();
    const accountId = await saveAccount(
      db,
      { label: 'brand', phone: null, session: 'session' },
      'x'.repeat(32),
    );
    await trackCommunity(db, accountId, {
      kind: 'community',
      telegramId: channel.telegramId,
      type: 'channel',
      title: 'Brand',
    });
    const asked: string[] = [];
    const client = stubClient((request) => {
      asked.push(request.className);
      return fullChannel(true);
    });
    client.getInputEntity = async () =>
      new Api.InputPeerChannel({ channelId: bigInt(CHANNEL_ID), accessHash: bigInt(1) });
    const source = gramjsSource(client);

    expect(await trackDiscussionGroup(db, source, accountId, channel, noSleep)).toEqual({
      telegramId: Number(`-100${GROUP_ID}`),
      kind: 'supergroup',
    });
    expect(asked).toEqual(['channels.GetFullChannel']);
    const [group] = await db.execute<Record<string, unknown>>(sql`
      select g.title, g.username, g.kind, g.synced_by_account_id, l.telegram_id as linked
      from communities g join communities l on l.id = g.linked_community_id
      where g.telegram_id = ${Number(`-100${GROUP_ID}`)}`);
    expect(group).toEqual({
      title: 'Brand chat',
      username: 'brandchat',
      kind: 'supergroup',
      synced_by_account_id: accountId,
      linked: channel.telegramId,
    });
    // Already synced: nothing new to queue.
    expect(await trackDiscussionGroup(db, source, accountId, channel, noSleep)).toBeNull();
  });

  it('is nothing for a channel without comments', async () => {
    const { db } = await useTestDb();
    const client = stubClient(() => fullChannel(false));
    client.getInputEntity = async () =>
      new Api.InputPeerChannel({ channelId: bigInt(CHANNEL_ID), accessHash: bigInt(1) });
    expect(await trackDiscussionGroup(db, gramjsSource(client), 1, channel, noSleep)).toBeNull();
    const [count] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from communities`,
    );
    expect(count!.n).toBe(0);
  });
});
