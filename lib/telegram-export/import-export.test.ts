import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { exportFixtures } from '../testing/export-fixtures';
import { ExportFormatError } from './errors';
import { importExport } from './import-export';

const fixtures = exportFixtures();
const fixture = (name: string) => path.join(fixtures, name);
const scratch = mkdtempSync(path.join(tmpdir(), 'export-import-'));

interface RawMessage {
  id: number;
  type: string;
  date: string;
  date_unixtime?: string;
  from_id?: string;
  actor?: string;
  actor_id?: string;
  action?: string;
  members?: string[];
  reply_to_message_id?: number;
  reactions?: { recent?: { from_id: string; date: string }[] }[];
}

/** The counts the import should report, worked out from the parsed file by plain filters. */
function expectedCounts(messages: RawMessage[]) {
  const user = (id?: string) => id?.startsWith('user') ?? false;
  const selfMembers = (m: RawMessage) => m.members?.length === 1 && m.members[0] === m.actor;
  const service = (m: RawMessage, ...actions: string[]) =>
    m.type === 'service' && user(m.actor_id) && actions.includes(m.action!);
  const userMessages = messages.filter((m) => m.type === 'message' && user(m.from_id));
  const reactors = messages.flatMap((m) =>
    (m.reactions ?? []).flatMap((r) => (r.recent ?? []).filter((e) => user(e.from_id))),
  );
  const joins = messages.filter(
    (m) =>
      service(m, 'join_group_by_link', 'join_group_by_request') ||
      (service(m, 'invite_members') && selfMembers(m)),
  );
  const leaves = messages.filter((m) => service(m, 'remove_members') && selfMembers(m));
  const invites = messages.filter((m) => service(m, 'invite_members') && !selfMembers(m));
  return {
    messages: userMessages.length,
    replies: userMessages.filter((m) => m.reply_to_message_id).length,
    reactions: reactors.length,
    joins: joins.length,
    leaves: leaves.length,
    invites: invites.length,
    channel_posts: messages.filter(
      (m) => m.type === 'message' && /^(channel|chat)/.test(m.from_id ?? ''),
    ).length,
    fans: new Set([
      ...userMessages.map((m) => m.from_id),
      ...reactors.map((e) => e.from_id),
      ...[...joins, ...leaves, ...invites].map((m) => m.actor_id),
    ]).size,
  };
}

async function tableCounts(db: Database) {
  const [row] = await db.execute<Record<string, number>>(sql`select
    (select count(*) from events where type = 'message')::int as messages,
    (select count(*) from events where type = 'reply')::int as replies,
    (select count(*) from events where type = 'reaction')::int as reactions,
    (select count(*) from events where type = 'invite')::int as invites,
    (select count(*) from memberships where action = 'join')::int as joins,
    (select count(*) from memberships where action = 'leave')::int as leaves,
    (select count(*) from fans)::int as fans`);
  return row!;
}

describe('importExport on real Telegram Desktop exports', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  const singleChats = [
    'private-supergroup-reactions.json',
    'private-group-old-format.json',
    'public-channel.json',
    ...['oop.json', 'software-testing.json', 'pujangga-kode-2.json'].map(
      (f) => `public-supergroup-excerpts/${f}`,
    ),
  ];

  it.each(singleChats)('%s: reports and stores what the file says', async (name) => {
    await db.execute(sql`truncate communities, fans, events, memberships, fan_daily cascade`);
    const file = JSON.parse(readFileSync(fixture(name), 'utf8')) as {
      name: string;
      type: string;
      id: number;
      messages: RawMessage[];
    };
    const expected = expectedCounts(file.messages);
    const report = await importExport(db, fixture(name));
    expect(report.communities).toHaveLength(1);
    const community = report.communities[0]!;
    const { fans, replies, ...perCommunity } = expected;
    expect(community).toEqual({
      ...perCommunity,
      telegramId: Number(`${file.type === 'private_group' ? '-' : '-100'}${file.id}`),
      title: file.name,
      type: { private_group: 'group', public_channel: 'channel' }[file.type] ?? 'supergroup',
      left: false,
    });
    expect(report.fans).toBe(fans);
    expect(await tableCounts(db)).toEqual({
      messages: expected.messages - replies,
      replies,
      reactions: expected.reactions,
      invites: expected.invites,
      joins: expected.joins,
      leaves: expected.leaves,
      fans,
    });

    const again = await importExport(db, fixture(name));
    expect(again.added).toEqual({
      fans: 0,
      events: 0,
      memberships: 0,
      alreadyStored: report.added.events + report.added.memberships,
    });
  });

  it('reads both dates, and local-only reaction times with the offset of the nearest message', async () => {
    const name = 'private-supergroup-reactions.json';
    await importExport(db, fixture(name));
    const file = JSON.parse(readFileSync(fixture(name), 'utf8')) as {
      id: number;
      messages: RawMessage[];
    };
    const withReactor = file.messages.find((m) =>
      m.reactions?.some((r) => r.recent?.some((e) => e.from_id.startsWith('user'))),
    )!;
    const offsetMs = Date.parse(`${withReactor.date}Z`) - Number(withReactor.date_unixtime) * 1000;
    const entry = withReactor
      .reactions!.flatMap((r) => r.recent ?? [])
      .find((e) => e.from_id.startsWith('user'))!;
    const rows = await db.execute<{ occurred_at: string }>(sql`
      select e.occurred_at from events e join fans f on f.id = e.fan_id
      where e.type = 'reaction' and f.telegram_user_id = ${Number(entry.from_id.slice(4))}
        and e.payload->>'message_id' = ${String(withReactor.id)}`);
    expect(rows.map((r) => new Date(r.occurred_at).getTime())).toContain(
      Date.parse(`${entry.date}Z`) - offsetMs,
    );
    const [message] = await db.execute<{ occurred_at: string }>(sql`
      select occurred_at from events where source_key = ${`tg:msg:-100${file.id}:${withReactor.id}`}`);
    expect(new Date(message!.occurred_at).getTime()).toBe(Number(withReactor.date_unixtime) * 1000);
  });

  it('takes only communities from a full-account export, and says why it skipped the rest', async () => {
    await db.execute(sql`truncate communities, fans, events, memberships, fan_daily cascade`);
    const report = await importExport(db, fixture('full-account-two-chats.json'));
    expect(report.communities.map((c) => [c.type, c.messages, c.left])).toEqual([
      ['group', 3, false],
    ]);
    expect(report.skippedChats).toEqual([
      {
        chat: 'chats.list[0]',
        name: 'Community 001',
        type: 'personal_chat',
        reason: 'personal_chat chat: not a community (2 messages not imported)',
      },
    ]);
    expect(report.skipped).toEqual({ 'service: phone_call': 1 });
    const personal = await importExport(db, fixture('personal-chat.json'));
    expect([personal.communities, personal.skippedChats[0]?.type]).toEqual([[], 'personal_chat']);
  });

  it('marks communities listed under left_chats, and keeps local times in UTC without any offset', async () => {
    const file = path.join(scratch, 'left.json');
    writeFileSync(
      file,
      JSON.stringify({
        chats: { about: '', list: [] },
        left_chats: {
          about: '',
          list: [
            {
              name: 'Old group',
              type: 'private_supergroup',
              id: 42,
              messages: [
                {
                  id: 1,
                  type: 'service',
                  date: '2021-01-01T10:00:00',
                  actor: 'Ann',
                  actor_id: 'user7',
                  action: 'join_group_by_link',
                  inviter: 'Bob',
                },
                {
                  id: 2,
                  type: 'message',
                  date: '2021-01-01T10:05:00',
                  from: 'Ann',
                  from_id: 'user7',
                  text: 'hi',
                },
                {
                  id: 3,
                  type: 'service',
                  date: '2021-01-02T10:00:00',
                  actor: 'Ann',
                  actor_id: 'user7',
                  action: 'remove_members',
                  members: ['Ann'],
                },
              ],
            },
          ],
        },
      }),
    );
    const report = await importExport(db, file);
    expect(
      report.communities.map((c) => [c.telegramId, c.left, c.joins, c.leaves, c.messages]),
    ).toEqual([[-10042, true, 1, 1, 1]]);
    const [row] = await db.execute<{ occurred_at: string }>(
      sql`select occurred_at from events where source_key = 'tg:msg:-10042:2'`,
    );
    expect(new Date(row!.occurred_at).toISOString()).toBe('2021-01-01T10:05:00.000Z');
  });

  describe('refuses malformed input with a clear error and changes nothing', () => {
    const cases: [string, string, RegExp][] = [
      [
        'not JSON',
        '{"name": "x", "type": "private_group", "id": 1, "messages": [',
        /not valid JSON/,
      ],
      ['not an export', '{"hello": "world"}', /not a Telegram Desktop export/],
      [
        'a message without an id',
        JSON.stringify({
          name: 'G',
          type: 'private_group',
          id: 5,
          messages: [
            { id: 1, type: 'message', date: '2021-01-01T10:00:00', from_id: 'user1' },
            { type: 'message', date: '2021-01-01T10:00:00', from_id: 'user1' },
          ],
        }),
        /messages\[1\]: id: missing "id"/,
      ],
      [
        'a message without a time',
        JSON.stringify({
          name: 'G',
          type: 'private_group',
          id: 5,
          messages: [{ id: 9, type: 'message', from_id: 'user1' }],
        }),
        /messages\[0\] \(message 9\): date: missing "date"/,
      ],
      [
        // Well-formed as a record, but the id is beyond any Telegram user id: refused before any write,
        // though the batches before it would be valid.
        'a late message from a user id that cannot be',
        JSON.stringify({
          name: 'G',
          type: 'private_group',
          id: 5,
          messages: [
            ...Array.from({ length: 2500 }, (_, i) => ({
              id: i + 1,
              type: 'message',
              date: '2021-01-01T10:00:00',
              from_id: `user${i + 1}`,
            })),
            {
              id: 9000,
              type: 'message',
              date: '2021-01-02T10:00:00',
              from_id: 'user99999999999999999999',
            },
          ],
        }),
        /messages\[2500\] \(message 9000\): (fan|telegramUserId): /,
      ],
    ];
    it.each(cases)('%s', async (_, text, message) => {
      const file = path.join(scratch, 'bad.json');
      writeFileSync(file, text);
      const before = await tableCounts(db);
      const error = await importExport(db, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExportFormatError);
      expect((error as Error).message).toMatch(message);
      expect(await tableCounts(db)).toEqual(before);
    });
  });
});
