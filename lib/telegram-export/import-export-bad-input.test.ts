import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { ExportFormatError } from './errors';
import { importExport } from './import-export';

// Exports an attacker (or a broken exporter) might send: each is refused before anything
// is written, naming the file as the person called it, or imported with what it says.

const scratch = mkdtempSync(path.join(tmpdir(), 'export-bad-input-'));
let files = 0;
function write(content: unknown): string {
  const file = path.join(scratch, `export-${++files}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const post = (id: number) => ({
  id,
  type: 'message',
  date: '2021-01-01T10:00:00',
  from: 'The channel',
  from_id: 'channel77',
  text: 'news',
});
const userMessage = (id: number, from: string, fromId = 'user7') => ({
  id,
  type: 'message',
  date: '2021-01-01T10:00:00',
  from,
  from_id: fromId,
  text: 'hi',
});

async function rowCounts(db: Database) {
  const [row] = await db.execute(sql`select
    (select count(*) from communities)::int as communities, (select count(*) from fans)::int as fans,
    (select count(*) from events)::int as events, (select count(*) from memberships)::int as memberships`);
  return row;
}

describe('importExport refuses exports no Telegram writes, and changes nothing', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  async function refused(content: unknown, message: RegExp) {
    const file = write(content);
    const before = await rowCounts(db);
    const error = await importExport(db, file, { name: 'sent.json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error as Error).message).toMatch(/^sent\.json: /);
    expect((error as Error).message).not.toContain(scratch);
    expect((error as Error).message).toMatch(message);
    expect(await rowCounts(db)).toEqual(before);
    return error as ExportFormatError;
  }

  // Messages that tell nothing about fans (a channel's own posts) leave the chat's id as the
  // only thing ingest would check: it refused it mid-write, after the first pass.
  it.each([
    ['a fraction', 'public_channel', 1.5],
    ['beyond any number', 'public_channel', '1e300'],
    ['negative, for a channel', 'private_channel', -5],
    ['beyond Telegram', 'public_supergroup', 1e17],
    ['beyond a basic group', 'private_group', 1e13],
    ['zero', 'private_group', 0],
  ])('a chat id that is %s', async (_, type, id) => {
    const text = `{"name":"C","type":"${type}","id":${id},"messages":${JSON.stringify([post(1)])}}`;
    await refused(
      text,
      /\(top level\): "id" .* is not a Telegram .* id \(a whole number from 1 to \d+\)/,
    );
  });

  it('a chat id beyond Telegram in a chat without messages of a full-account export', async () => {
    await refused(
      {
        chats: {
          list: [
            { name: 'A', type: 'private_supergroup', id: 12, messages: [post(1)] },
            { name: 'B', type: 'private_supergroup', id: 1e15, messages: [] },
          ],
        },
      },
      /chats\.list\[1\]: "id" 1000000000000000 is not a Telegram/,
    );
  });

  it('messages that are plain numbers (or null, or lists)', async () => {
    const chat = (messages: unknown[]) => ({ name: 'G', type: 'private_group', id: 5, messages });
    await refused(chat([1, 2]), /messages\[0\] is not a message object/);
    await refused(chat([userMessage(1, 'Ann'), null]), /messages\[1\] is not a message object/);
    await refused(chat([userMessage(1, 'Ann'), [2]]), /messages\[1\] is not a message object/);
  });

  it('messages that are not a list', async () => {
    await refused(
      { name: 'G', type: 'private_group', id: 5, messages: { 0: userMessage(1, 'Ann') } },
      /messages is not a list of messages/,
    );
    await refused(
      {
        chats: {
          list: [
            { name: 'A', type: 'private_group', id: 6, messages: [userMessage(1, 'Ann')] },
            { name: 'B', type: 'private_group', id: 7, messages: 3 },
          ],
        },
      },
      /chats\.list\[1\]\.messages is not a list of messages/,
    );
  });

  const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  it.each([
    [
      'in a message',
      `{"name":"G","type":"private_group","id":5,"messages":[{"id":1,\n"x":${nested(20_000)}}]}`,
      'line 2, column 66',
    ],
    [
      'beside the chats',
      `{"about":\n\n${nested(20_000)},"chats":{"list":[]}}`,
      'line 3, column 64',
    ],
  ])(
    'nesting 20,000 deep (40 KB) %s: refused at the cap with its line and column, memory flat',
    async (_, text, where) => {
      const heapBefore = process.memoryUsage().heapUsed;
      const error = await refused(text, new RegExp(`nested deeper than 64 levels at ${where};`));
      expect(error.fields).toEqual([expect.objectContaining({ code: 'too_deep', maximum: 64 })]);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
    },
  );

  it('nesting inside strings does not count', async () => {
    const file = write({
      name: 'G',
      type: 'private_group',
      id: 5,
      messages: [{ ...userMessage(1, `${'['.repeat(100)}"\\`), text: '{'.repeat(100) }],
    });
    const report = await importExport(db, file);
    expect(report.communities[0]!.messages).toBe(1);
  });
});

describe('importExport with text Postgres cannot store', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('completes, stores names cleaned, sets aside a reaction keyed by such text, and names each', async () => {
    const file = write({
      name: 'Group \ud800',
      type: 'private_supergroup',
      id: 1234567890,
      messages: [
        userMessage(1, 'Ann\u0000', 'user7'),
        {
          ...userMessage(2, 'Bob', 'user8'),
          reactions: [
            {
              type: 'emoji',
              emoji: 'x\u0000',
              count: 1,
              recent: [{ from: 'Cy', from_id: 'user9', date: '2021-01-01T11:00:00' }],
            },
          ],
        },
        userMessage(3, 'Dee \udfff', 'user10'),
      ],
    });
    const report = await importExport(db, file, { name: 'odd.json' });
    expect(report.communities[0]).toMatchObject({
      title: 'Group \ud800',
      messages: 3,
      reactions: 1,
    });
    expect(report.added).toMatchObject({ events: 3 });
    expect(report.unstorable).toEqual({
      cleaned: 3,
      setAside: 1,
      records: [
        expect.objectContaining({ record: '(top level)', kind: 'community', fields: ['title'] }),
        expect.objectContaining({
          record: 'messages[0] (message 1)',
          kind: 'fan',
          outcome: 'cleaned',
        }),
        expect.objectContaining({
          record: 'messages[1] (message 2)',
          kind: 'event',
          fields: ['sourceKey'],
          outcome: 'set_aside',
        }),
        expect.objectContaining({
          record: 'messages[2] (message 3)',
          kind: 'fan',
          fields: ['firstName'],
        }),
      ],
    });
    const [community] = await db.execute(sql`select title from communities`);
    expect(community).toEqual({ title: 'Group \ufffd' });
    const fans = await db.execute(
      sql`select telegram_user_id, first_name from fans order by telegram_user_id`,
    );
    expect(fans).toEqual([
      { telegram_user_id: 7, first_name: 'Ann' },
      { telegram_user_id: 8, first_name: 'Bob' },
      // Cy's only fact, the reaction, was set aside; the fan (named in the batch) remains.
      { telegram_user_id: 9, first_name: 'Cy' },
      { telegram_user_id: 10, first_name: 'Dee \ufffd' },
    ]);
  });
});
