import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { exportFixtures } from '../testing/export-fixtures';
import { telegramKeys } from '../telegram/source-keys';
import { importExport } from './import-export';

// What fans wrote, from real Telegram Desktop exports: every user message's text is stored
// (event_texts) exactly as the exporter wrote it, entity lists read in order, and a text
// beyond 4,096 characters is cut there without splitting a character.

const fixtures = exportFixtures();
const scratch = mkdtempSync(path.join(tmpdir(), 'export-texts-'));

type Part = string | { type: string; text: string };
interface RawMessage {
  id: number;
  type: string;
  from_id?: string;
  text?: string | Part[];
}
interface RawChat {
  messages: RawMessage[];
}

/** The fixture's user messages and their texts, read by a plain loop (empty: none). */
function expectedTexts(chat: RawChat): Map<number, string> {
  const texts = new Map<number, string>();
  for (const m of chat.messages) {
    if (m.type !== 'message' || !m.from_id?.startsWith('user')) continue;
    let text = '';
    if (typeof m.text === 'string') text = m.text;
    else for (const part of m.text ?? []) text += typeof part === 'string' ? part : part.text;
    if (text !== '') texts.set(m.id, text);
  }
  return texts;
}

describe('importExport stores what fans wrote', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  /** The stored text of each message of `community`, by message id. */
  async function storedTexts(community: number, ids: number[]) {
    const keys = ids.map((id) => telegramKeys.message(community, id));
    const rows = await db.execute<{ source_key: string; text: string; same_fan: boolean }>(sql`
      select e.source_key, t.text, t.fan_id = e.fan_id as same_fan
      from events e join event_texts t on t.event_id = e.id
      where e.source_key in ${keys}`);
    expect(rows.every((r) => r.same_fan)).toBe(true);
    return new Map(rows.map((r) => [Number(r.source_key.split(':').at(-1)), r.text]));
  }

  it.each([
    'private-supergroup-reactions.json',
    'public-supergroup-excerpts/database-isolation-level.json',
    'public-supergroup-excerpts/software-testing.json',
  ])('%s: each user message with text, as written', async (name) => {
    const file = path.join(fixtures, name);
    const chat = JSON.parse(readFileSync(file, 'utf8')) as RawChat;
    const expected = expectedTexts(chat);
    // Plain strings and lists of strings and entities (mentions, links, code) are both there.
    const raw = chat.messages.filter((m) => expected.has(m.id));
    expect(raw.some((m) => typeof m.text === 'string')).toBe(true);
    expect(raw.some((m) => Array.isArray(m.text))).toBe(true);

    const report = await importExport(db, file);
    const community = report.communities[0]!.telegramId;
    const ids = chat.messages.map((m) => m.id);
    expect(await storedTexts(community, ids)).toEqual(expected);

    // A second import stores no second copy.
    await importExport(db, file);
    const [{ n } = { n: -1 }] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from event_texts t join events e on e.id = t.event_id
      where e.source_key like ${`tg:msg:${community}:%`}`);
    expect(n).toBe(expected.size);
  });

  it('caps a text at 4,096 characters without splitting one, and cleans what Postgres refuses', async () => {
    const chat = JSON.parse(
      readFileSync(path.join(fixtures, 'private-supergroup-reactions.json'), 'utf8'),
    ) as RawChat & { id: number };
    chat.id += 1; // another chat, so its keys are new
    const users = chat.messages.filter(
      (m) => m.type === 'message' && m.from_id?.startsWith('user'),
    );
    const [long, nul, onlyNul, entities] = users;
    // 4,095 letters, then emoji (two UTF-16 units each): the 4,096th character is whole.
    long!.text = `${'写'.repeat(4095)}${'😀'.repeat(10)}`;
    nul!.text = 'before\u0000after';
    onlyNul!.text = '\u0000\u0000';
    entities!.text = [
      'x'.repeat(4000),
      { type: 'link', text: 'https://example.com/' + 'y'.repeat(200) },
    ];
    const file = path.join(scratch, 'edited.json');
    writeFileSync(file, JSON.stringify(chat));

    const report = await importExport(db, file);
    const stored = await storedTexts(
      report.communities[0]!.telegramId,
      [long, nul, onlyNul, entities].map((m) => m!.id),
    );
    expect(stored.get(long!.id)).toBe(`${'写'.repeat(4095)}😀`);
    expect([...stored.get(long!.id)!]).toHaveLength(4096);
    expect(stored.get(nul!.id)).toBe('beforeafter');
    expect(stored.has(onlyNul!.id)).toBe(false);
    expect(stored.get(entities!.id)).toBe(
      `${'x'.repeat(4000)}https://example.com/${'y'.repeat(76)}`,
    );
    const [{ longest } = { longest: -1 }] = await db.execute<{ longest: number }>(
      sql`select max(char_length(text))::int as longest from event_texts`,
    );
    expect(longest).toBe(4096);
  });
});
