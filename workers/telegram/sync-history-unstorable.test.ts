import bigInt from 'big-integer';
import { sql } from 'drizzle-orm';
import { Api, type TelegramClient } from 'telegram';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../../db/testing/test-db';
import { gramjsSource } from './source';
import { syncHistory } from './sync-history';
import { BOT_API_ID, fakeCommunity, fakeTelegram, trackFakeChat } from './testing/fake-chat';

// Telegram sends what its users typed: a NUL or half of a surrogate pair in a post, a name
// or a reaction must not stop a community's sync at that page for good.

/** The fake chat, with text Postgres cannot store in a post, a name and a reaction. */
function oddChat(newest: number) {
  const telegram = fakeTelegram(newest);
  const invoke = telegram.client.invoke.bind(telegram.client);
  telegram.client.invoke = (async (request: Api.AnyRequest) => {
    const result: unknown = await invoke(request as Parameters<typeof invoke>[0]);
    if (!(result instanceof Api.messages.ChannelMessages)) return result;
    for (const m of result.messages) {
      if (!(m instanceof Api.Message)) continue;
      // 25 and 50 are posts by the chat itself; 14 has two listed reactors.
      if (m.id === 25) m.message = 'post\u0000 25';
      if (m.id === 50) m.message = 'post \ud83d 50';
      if (m.id === 14)
        for (const r of m.reactions!.recentReactions!)
          r.reaction = new Api.ReactionEmoji({ emoticon: '\u0000' });
    }
    result.users = result.users.map((u) =>
      u instanceof Api.User && u.id.equals(bigInt(1001))
        ? new Api.User({ id: u.id, firstName: 'Fan\u0000', lastName: '\udc00 1001' })
        : u,
    );
    return result;
  }) as TelegramClient['invoke'];
  return telegram;
}

describe('syncHistory with text Postgres cannot store', () => {
  it('proceeds past it: text cleaned, a reaction whose key holds it set aside', async () => {
    const { db } = await useTestDb();
    await trackFakeChat(db);
    const result = await syncHistory(db, gramjsSource(oddChat(60).client), fakeCommunity, {
      pageSize: 20,
      sleep: async () => {},
    });
    expect(result.messages).toBe(60);
    const [state] = await db.execute(
      sql`select cursor, last_error from sync_state where stream = 'history'`,
    );
    expect(state).toEqual({ cursor: { backfilled: true, newestId: 60 }, last_error: null });
    const posts = await db.execute(sql`select message_id, text from posts order by message_id`);
    expect(posts).toEqual([
      { message_id: 25, text: 'post 25' },
      { message_id: 50, text: 'post \ufffd 50' },
    ]);
    const [fan] = await db.execute(
      sql`select first_name, last_name from fans where telegram_user_id = 1001`,
    );
    expect(fan).toEqual({ first_name: 'Fan', last_name: '\ufffd 1001' });
    // Reactions on 7, 21, 28, 35, 42, 49, 56 (not 14: its key held a NUL), two each.
    const reactions = await db.execute<{ source_key: string }>(
      sql`select source_key from events where type = 'reaction' order by source_key`,
    );
    expect(reactions).toHaveLength(14);
    expect(reactions.some((r) => r.source_key.startsWith(`tg:reaction:${BOT_API_ID}:14:`))).toBe(
      false,
    );
  });
});
