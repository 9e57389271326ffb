import bigInt from 'big-integer';
import { sql } from 'drizzle-orm';
import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../../../db/testing/test-db';
import { getTimeline } from '../../../lib/fans/timeline';
import { ingestBatch } from '../../../lib/ingest';
import { telegramKeys } from '../../../lib/telegram/source-keys';
import { BOT_API_ID, CHAT_ID, trackFakeChat, users } from '../testing/fake-chat';
import { factsFromMessages } from './facts-from-messages';

// What fans wrote, from GramJS history: real Api.Message objects through the worker's
// mapping and ingest, into event_texts, capped and cleaned, and onto the fan's timeline.

const community = { telegramId: BOT_API_ID, kind: 'supergroup' as const };
const peer = new Api.PeerChannel({ channelId: bigInt(CHAT_ID) });
const from = (id: number) => new Api.PeerUser({ userId: bigInt(id) });
const date = Date.parse('2026-05-02T08:00:00Z') / 1000;

const longText = `${'a'.repeat(4094)}👍🏽 and more`; // 👍🏽: two code points, four UTF-16 units
const message = (id: number, author: number, text: string, extra: object = {}) =>
  new Api.Message({
    id,
    peerId: peer,
    fromId: from(author),
    date: date + id,
    message: text,
    ...extra,
  });

const history: Api.TypeMessage[] = [
  message(1, 1001, '你好，我的订单还没到，单号 A-1001'),
  message(2, 1002, 'Same here', {
    replyTo: new Api.MessageReplyHeader({ replyToMsgId: 1 }),
  }),
  // A photo: its caption is what the fan wrote.
  message(3, 1001, 'look at this', {
    media: new Api.MessageMediaPhoto({ photo: new Api.PhotoEmpty({ id: bigInt(7) }) }),
  }),
  // A sticker or a photo without caption: an engagement with no text.
  message(4, 1003, '', {
    media: new Api.MessageMediaPhoto({ photo: new Api.PhotoEmpty({ id: bigInt(8) }) }),
  }),
  message(5, 1004, longText),
  message(6, 1002, 'nul\u0000 and half \ud83d a pair'),
  // Posted as the chat itself: the community's post, not a fan's text.
  new Api.Message({ id: 7, peerId: peer, fromId: peer, date: date + 7, message: 'admin says hi' }),
];

describe('factsFromMessages: what fans wrote', () => {
  it('stores each user message text, capped and cleaned, and the timeline shows it', async () => {
    const { db } = await useTestDb();
    await trackFakeChat(db);
    const facts = factsFromMessages(community, history, users, new Date(date * 1000 + 60_000));
    const result = await ingestBatch(db, facts);
    expect(result.events).toBe(6);

    const rows = await db.execute<{ source_key: string; text: string; fan: number }>(sql`
      select e.source_key, t.text, f.telegram_user_id as fan
      from event_texts t join events e on e.id = t.event_id and e.fan_id = t.fan_id
        join fans f on f.id = t.fan_id
      order by e.source_key`);
    const key = (id: number) => telegramKeys.message(BOT_API_ID, id);
    expect(rows.map((r) => [r.source_key, Number(r.fan), r.text])).toEqual([
      [key(1), 1001, '你好，我的订单还没到，单号 A-1001'],
      [key(2), 1002, 'Same here'],
      [key(3), 1001, 'look at this'],
      // 4,094 letters and the two code points of 👍🏽: 4,096, no half of a pair.
      [key(5), 1004, `${'a'.repeat(4094)}👍🏽`],
      [key(6), 1002, 'nul and half \ufffd a pair'],
    ]);
    const [row] = await db.execute<{ n: number }>(
      sql`select char_length(text)::int as n from event_texts where text like 'aaa%'`,
    );
    expect(row!.n).toBe(4096);
    expect(await db.execute(sql`select 1 from posts where text = 'admin says hi'`)).toHaveLength(1);
    expect(
      await db.execute(sql`select 1 from event_texts where text like '%admin says hi%'`),
    ).toHaveLength(0);

    // A second sync of the same page adds no second copy.
    await ingestBatch(db, facts);
    const [count] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from event_texts`,
    );
    expect(count!.n).toBe(5);

    const [fan] = await db.execute<{ id: number }>(
      sql`select id from fans where telegram_user_id = 1001`,
    );
    const { entries } = await getTimeline(db, Number(fan!.id));
    expect(entries.map((e) => (e.kind === 'event' ? [e.type, e.text] : e.kind))).toEqual([
      ['message', 'look at this'],
      ['message', '你好，我的订单还没到，单号 A-1001'],
    ]);
  });
});
