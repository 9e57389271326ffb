import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../../db/testing/test-db';
import type { Database } from '../../db/client';
import { gramjsSource } from './source';
import { syncHistory } from './sync-history';
import { rereadRecentReactions } from './sync-reactions';
import { fakeCommunity, fakeTelegram, reactorsOf, trackFakeChat } from './testing/fake-chat';

const community = fakeCommunity;
const day = (d: number) => new Date(Date.parse('2026-05-01T00:00:00Z') + d * 86_400_000);
const hooks = (d: number) => ({ sleep: async () => {}, now: () => day(d), pageSize: 50 });

const reactionsOn = async (db: Database, messageId: number) =>
  (
    await db.execute<{ fan: number }>(sql`
      select f.telegram_user_id::int as fan from events e join fans f on f.id = e.fan_id
      where e.type = 'reaction' and (e.payload->>'message_id')::int = ${messageId}
      order by 1`)
  ).map((r) => r.fan);

const reactionCount = async (db: Database) =>
  (
    await db.execute<{ n: number }>(
      sql`select count(*)::int as n from events where type = 'reaction'`,
    )
  )[0]!.n;

describe('rereadRecentReactions', () => {
  it('picks up reactions added later to recent group messages, once each', async () => {
    const { db } = await useTestDb();
    await trackFakeChat(db);
    const telegram = fakeTelegram(230);
    const source = gramjsSource(telegram.client);
    await syncHistory(db, source, community, hooks(2));
    // Paging the history stores only the two recent reactors shown with each message.
    expect(await reactionsOn(db, 14)).toEqual([1001, 1002]);
    const reacted = Array.from({ length: 230 }, (_, i) => i + 1).filter(
      (id) => reactorsOf(id).length > 0,
    );

    // The full lists: the three other reactors of each reacted message.
    expect(await rereadRecentReactions(db, source, community, hooks(3))).toBe(3 * reacted.length);
    expect(await reactionsOn(db, 14)).toEqual([1001, 1002, 5000, 5001, 5002]);
    expect(telegram.calls.get('messages.GetMessageReactionsList')).toBe(reacted.length);

    // Nothing new: the lists are not read again, and nothing is counted twice.
    const before = await reactionCount(db);
    expect(await rereadRecentReactions(db, source, community, hooks(3.1))).toBe(0);
    expect(telegram.calls.get('messages.GetMessageReactionsList')).toBe(reacted.length);
    expect(await reactionCount(db)).toBe(before);

    // Two more reactors each: the changed counts have their lists read again.
    telegram.gainReactors(2);
    expect(await rereadRecentReactions(db, source, community, hooks(3.2))).toBe(2 * reacted.length);
    expect(await reactionsOn(db, 14)).toEqual([1001, 1002, 5000, 5001, 5002, 5003, 5004]);
    expect(await reactionCount(db)).toBe(before + 2 * reacted.length);

    // A week on, the messages are no longer recent: one page read, no list.
    telegram.gainReactors(1);
    const lists = telegram.calls.get('messages.GetMessageReactionsList');
    const pages = telegram.calls.get('messages.GetHistory');
    expect(await rereadRecentReactions(db, source, community, hooks(10))).toBe(0);
    expect(telegram.calls.get('messages.GetMessageReactionsList')).toBe(lists);
    expect(telegram.calls.get('messages.GetHistory')).toBe(pages! + 1);
  });

  it('leaves channels alone: their reactions are anonymous', async () => {
    const { db } = await useTestDb();
    const telegram = fakeTelegram(10);
    const source = gramjsSource(telegram.client);
    expect(
      await rereadRecentReactions(db, source, { ...community, kind: 'channel' }, hooks(3)),
    ).toBe(0);
    expect(telegram.calls.size).toBe(0);
  });
});
