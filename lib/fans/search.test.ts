import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { fieldIssuesOf } from '../api/errors';
import { fanSearchQuery } from './schemas';
import { parseFanQuery, searchFans, searchQuery, type FanQuery } from './search';
import { fanFinder, seedFans, type FanIds } from './testing/fixture';

describe('search', () => {
  let db: Database, id: FanIds;

  beforeAll(async () => {
    db = (await useTestDb()).db;
    ({ id } = await seedFans(db));
  });

  const { find, found } = fanFinder(() => db);

  it('reads each kind of key from the search box', () => {
    expect(parseFanQuery(' @Anna_Lee ')).toEqual({
      ok: true,
      query: { kind: 'username', prefix: 'Anna_Lee' },
    });
    expect(parseFanQuery('12345')).toEqual({
      ok: true,
      query: { kind: 'number', digits: '12345' },
    });
    expect(parseFanQuery('#42')).toEqual({ ok: true, query: { kind: 'fan_id', id: 42 } });
    expect(parseFanQuery('anna   lee')).toEqual({
      ok: true,
      query: { kind: 'text', text: 'anna lee' },
    });
  });

  it('refuses malformed input with a reason', () => {
    const problems = [
      '',
      '   ',
      '@',
      '@anna lee',
      '@anna-lee',
      '#0',
      '#abc',
      'x'.repeat(101),
      'x'.repeat(201),
      'a\u0000b',
      'a\tb',
      'a\u0085b',
      'a\ud800b',
    ].map((q) => {
      const parsed = fanSearchQuery.safeParse({ q });
      return parsed.success
        ? 'ok'
        : fieldIssuesOf(parsed.error)
            .map((f) => f.code)
            .join();
    });
    expect(problems).toEqual([
      'empty',
      'empty',
      'bad_username',
      'bad_username',
      'bad_username',
      'bad_fan_id',
      'bad_fan_id',
      'too_long',
      'too_big',
      'control_character',
      'control_character',
      'control_character',
      'invalid_unicode',
    ]);
  });

  it('finds by @username prefix, in any letter case, with _ taken literally', async () => {
    expect(await found('@anna_lee')).toEqual([[id[11], 'username']]);
    expect(await found('@ANNA')).toEqual([
      [id[11], 'username'],
      [id[12], 'username'],
    ]);
    // Unescaped, "a_n%" would match "anna_lee" and "annabel" too.
    expect(await found('@a_n')).toEqual([[id[15], 'username']]);
  });

  it('finds by Telegram id and by customer id, exactly', async () => {
    expect(await found('11')).toEqual([
      [id[11], 'telegram_id'],
      [id[12], 'external_id'],
    ]);
    expect(await found('987654')).toEqual([[id[11], 'external_id']]);
    expect(await found('C-1042')).toEqual([[id[11], 'external_id']]);
    expect(await found('c-1042')).toEqual([]);
    expect(await found('#' + id[13])).toEqual([[id[13], 'fan_id']]);
  });

  it('finds by a prefix of the first name, the last name or "first last"', async () => {
    // A bare word is also a username typed without its @; that match ranks first.
    expect(await found('ann')).toEqual([
      [id[11], 'username'],
      [id[12], 'username'],
    ]);
    expect(await found('oth')).toEqual([[id[15], 'name']]);
    expect(await found('Li')).toEqual([[id[13], 'name']]);
    expect(await found('SMI')).toEqual([[id[12], 'name']]);
    expect(await found('anna l')).toEqual([[id[11], 'name']]);
    expect(await found('annabel smith')).toEqual([[id[12], 'name']]);
    expect(await found('li w')).toEqual([[id[13], 'name']]);
    expect(await found('50%')).toEqual([[id[14], 'name']]);
    expect(await found('5_%')).toEqual([]);
    expect(await found('nobody')).toEqual([]);
  });

  it('returns what the results list shows', async () => {
    expect((await find('@anna_lee'))[0]).toEqual({
      id: id[11],
      username: 'Anna_Lee',
      firstName: 'Anna',
      lastName: 'Lee',
      telegramUserId: 11,
      stage: 'high_value',
      firstSeenAt: '2026-09-01T09:00:00Z',
      erased: false,
      matchedBy: 'username',
    });
    const parsed = parseFanQuery('@a');
    if (!parsed.ok) throw new Error('unparsed');
    expect(await searchFans(db, parsed.query, { limit: 1 })).toMatchObject({ more: true });
  });

  it('uses the prefix indexes (plans checked with sequential scans priced out)', async () => {
    const plan = async (q: FanQuery) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        const rows = await tx.execute<{ 'QUERY PLAN': string }>(sql`explain ${searchQuery(q, 50)}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    const byUsername = await plan({ kind: 'username', prefix: 'Anna_' });
    expect(byUsername).toContain('fans_username_prefix_idx');
    expect(byUsername).toMatch(/~>=~ 'anna\\_'|~>=~ 'anna_'/);
    const byName = await plan({ kind: 'text', text: 'anna l' });
    for (const index of [
      'fans_first_name_prefix_idx',
      'fans_last_name_prefix_idx',
      'customers_customer_key_unique',
    ])
      expect(byName).toContain(index);
    expect(byName).not.toMatch(/Seq Scan/);
    const byNumber = await plan({ kind: 'number', digits: '11' });
    expect(byNumber).toContain('fans_telegram_user_id_unique');
    expect(byNumber).toContain('customers_customer_key_unique');
  });
});
