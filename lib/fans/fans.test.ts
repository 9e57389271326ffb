import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { ingestBatch, type FactInput } from '../ingest';
import { FanError } from './errors';
import { eraseConfirmation, eraseFan, exportFan } from './privacy';
import { getFanProfile } from './profile';
import { parseFanQuery, searchFans, searchQuery, type FanQuery } from './search';
import { addFanTag, removeFanTag } from './tags';
import { decodeCursor, encodeCursor, getTimeline, type TimelineEntry } from './timeline';
import { getStageWhy } from './why';

// A hand-built set of fans, written through the real ingest path. Telegram user ids:
// 11 Anna Lee (@Anna_Lee, two customer ids, a message with text, an invite-link join),
// 12 Annabel Smith (@annabel), 13 "Li Wei" (an export's whole display name as first name),
// 14 "50%_off" (LIKE's wildcards in a name), 15 @a_nother, 20 the timeline fan.
const GROUP = -2001;
const CHANNEL = -2002;
let seq = 0;
const key = (kind: string) => `test:${kind}:${++seq}`;
const event = (
  fan: number,
  at: string,
  type: 'message' | 'reaction' | 'reply' = 'message',
  payload?: Record<string, unknown>,
): FactInput => ({
  kind: 'event',
  sourceKey: key('ev'),
  community: GROUP,
  fan,
  type,
  at,
  payload,
});
const join = (fan: number, at: string, community = GROUP, inviteLink?: string): FactInput => ({
  kind: 'membership',
  sourceKey: key('m'),
  community,
  fan,
  action: 'join',
  at,
  inviteLink,
  source: 'live',
});
const buy = (fan: number, at: string, amount: number): FactInput => ({
  kind: 'purchase',
  sourceKey: key('p'),
  orderId: `order-${seq}`,
  fan,
  community: CHANNEL,
  amount,
  currency: 'CNY',
  at,
});

// The timeline fan: 12 events at one second (ties), 3 purchases and 2 stage changes at
// that same second, and a spread of older entries.
const TIE = '2026-10-01T12:00:00Z';
const timelineFacts: FactInput[] = [
  join(20, '2026-09-01T08:00:00Z'),
  ...Array.from({ length: 12 }, (_, i) => event(20, TIE, 'message', { message_id: 100 + i })),
  ...Array.from({ length: 3 }, () => buy(20, TIE, 10)),
  ...Array.from({ length: 30 }, (_, i) =>
    event(20, new Date(Date.parse('2026-09-02T00:00:00Z') + i * 3_600_000 * 7).toISOString()),
  ),
  buy(20, '2026-09-05T00:00:00Z', 99.5),
];

describe('fan lookup', () => {
  let db: Database;
  const id: Record<number, number> = {};
  let actor: number;

  beforeAll(async () => {
    db = (await useTestDb()).db;
    await ingestBatch(db, [
      { kind: 'community', telegramId: GROUP, type: 'supergroup', title: 'Fan group' },
      { kind: 'community', telegramId: CHANNEL, type: 'channel', title: 'Fan channel' },
      {
        kind: 'fan',
        telegramUserId: 11,
        username: 'Anna_Lee',
        firstName: 'Anna',
        lastName: 'Lee',
        languageCode: 'en',
      },
      {
        kind: 'fan',
        telegramUserId: 12,
        username: 'annabel',
        firstName: 'Annabel',
        lastName: 'Smith',
      },
      { kind: 'fan', telegramUserId: 13, firstName: 'Li Wei' },
      { kind: 'fan', telegramUserId: 14, firstName: '50%_off' },
      { kind: 'fan', telegramUserId: 15, username: 'a_nother', firstName: 'Other' },
      { kind: 'fan', telegramUserId: 20, username: 'timeline_fan', firstName: 'Tim' },
      join(11, '2026-09-01T09:00:00Z', GROUP, 'https://t.me/+just-for-anna'),
      join(11, '2026-09-01T09:05:00Z', CHANNEL),
      { ...join(11, '2026-09-10T09:00:00Z', CHANNEL), action: 'leave' },
      { ...join(12, '2026-09-02T10:00:00Z'), invitedBy: 11 },
      event(11, '2026-09-01T10:00:00Z', 'message', {
        message_id: 7,
        text: 'Hi, I am Anna, call me on 555-0101',
      }),
      event(11, '2026-09-01T10:01:00Z', 'reaction', { message_id: 8, emoji: '👍' }),
      event(11, '2026-09-01T10:02:00Z', 'reply', { message_id: 9, reply_to: 7, text: 'again' }),
      buy(11, '2026-09-03T10:00:00Z', 120),
      event(12, '2026-09-02T11:00:00Z'),
      event(13, '2026-09-02T11:00:00Z'),
      event(14, '2026-09-02T11:00:00Z'),
      event(15, '2026-09-02T11:00:00Z'),
      ...timelineFacts,
    ]);
    for (const r of await db.execute<{ id: number; telegram_user_id: number }>(
      sql`select id, telegram_user_id from fans`,
    ))
      id[Number(r.telegram_user_id)] = Number(r.id);
    await db.execute(sql`
      insert into fan_external_ids (fan_id, system, external_id) values
        (${id[11]}, 'shop', 'C-1042'), (${id[11]}, 'crm', '987654'), (${id[12]}, 'shop', '11')`);
    await db.execute(sql`
      insert into fan_lifecycle (fan_id, stage, rule, since, updated_at)
      values (${id[11]}, 'high_value', 'spend', '2026-09-03T10:00:00Z', '2026-09-03T10:00:00Z')`);
    // Stage changes as the lifecycle job writes them; one at the tie second, one with
    // microseconds (the cursor must keep them).
    for (const [fan, from, to, at] of [
      [id[11], null, 'new', '2026-09-01T09:00:00Z'],
      [id[11], 'new', 'high_value', '2026-09-03T10:00:00Z'],
      [id[20], null, 'new', '2026-09-01T08:00:00Z'],
      [id[20], 'new', 'active', TIE],
      [id[20], 'active', 'core', TIE],
      [id[20], 'core', 'at_risk', '2026-09-20T00:00:00.123456Z'],
      [id[20], 'at_risk', 'active', '2026-09-20T00:00:00.123457Z'],
    ] as const)
      await db.execute(sql`
        insert into fan_stage_history (fan_id, from_stage, to_stage, changed_at, rule_set_version, features)
        values (${fan}, ${from}, ${to}, ${at}, 1, ${JSON.stringify({ rule: 'activated', silence_days: 1 })}::jsonb)`);
    const [user] = await db.execute<{ id: number }>(sql`
      insert into users (email, name, password_hash, role)
      values ('support@test.local', 'Sam Support', 'x', 'support') returning id`);
    actor = Number(user!.id);
  });

  const find = async (raw: string) => {
    const parsed = parseFanQuery(raw);
    if (!parsed.ok) throw new Error(parsed.message);
    return (await searchFans(db, parsed.query)).results;
  };
  const found = async (raw: string) => (await find(raw)).map((r) => [r.id, r.matchedBy]);

  describe('search', () => {
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
        'a\u0000b',
      ].map((q) => {
        const parsed = parseFanQuery(q);
        return parsed.ok ? 'ok' : parsed.problem;
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
        'bad_characters',
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
          const rows = await tx.execute<{ 'QUERY PLAN': string }>(
            sql`explain ${searchQuery(q, 50)}`,
          );
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
      const byUsername = await plan({ kind: 'username', prefix: 'Anna_' });
      expect(byUsername).toContain('fans_username_prefix_idx');
      expect(byUsername).toMatch(/~>=~ 'anna\\_'|~>=~ 'anna_'/);
      const byName = await plan({ kind: 'text', text: 'anna l' });
      for (const index of [
        'fans_first_name_prefix_idx',
        'fans_last_name_prefix_idx',
        'fan_external_ids_external_id_idx',
      ])
        expect(byName).toContain(index);
      expect(byName).not.toMatch(/Seq Scan/);
      const byNumber = await plan({ kind: 'number', digits: '11' });
      expect(byNumber).toContain('fans_telegram_user_id_unique');
      expect(byNumber).toContain('fan_external_ids_external_id_idx');
    });
  });

  describe('profile and stage', () => {
    it('shows the profile, external ids, memberships per community and tags', async () => {
      const profile = await getFanProfile(db, id[11]!);
      expect(profile).toMatchObject({
        id: id[11],
        telegramUserId: 11,
        username: 'Anna_Lee',
        languageCode: 'en',
        isBot: false,
        erased: false,
        externalIds: [
          { system: 'crm', externalId: '987654' },
          { system: 'shop', externalId: 'C-1042' },
        ],
        stage: { stage: 'high_value', rule: 'spend' },
      });
      expect(
        profile.memberships.map((m) => [m.title, m.current, m.records.map((r) => r.action)]),
      ).toEqual([
        ['Fan channel', 'leave', ['leave', 'join']],
        ['Fan group', 'join', ['join']],
      ]);
      expect(profile.memberships[1]!.records[0]!.inviteLink).toBe('https://t.me/+just-for-anna');
      const annabel = await getFanProfile(db, id[12]!);
      expect(annabel.memberships[0]!.records[0]!.invitedBy).toEqual({
        id: id[11],
        username: 'Anna_Lee',
        firstName: 'Anna',
        lastName: 'Lee',
        erased: false,
      });
      await expect(getFanProfile(db, 999_999)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('explains the stage by the engine’s conditions', async () => {
      const why = await getStageWhy(db, id[12]!, { asOf: new Date('2026-09-20T11:00:00Z') });
      // Annabel joined 2 Sept, one engagement, then silence: 18 days ≥ 15.
      expect(why).toEqual({
        stage: 'at_risk',
        rule: 'at_risk_silence',
        ruleSetVersion: 1,
        asOf: '2026-09-20T11:00:00.000Z',
        conditions: [
          {
            feature: 'silence_days',
            value: 18,
            comparison: 'atLeast',
            threshold: 15,
            params: ['at_risk_silence_days'],
          },
        ],
      });
    });
  });

  describe('timeline', () => {
    const keyOf = (e: TimelineEntry) => `${e.kind}:${e.id}`;
    const rank = { event: 1, purchase: 2, stage: 3 };

    it('merges events, purchases and stage changes, newest first, ties by kind and id', async () => {
      const { entries, nextCursor } = await getTimeline(db, id[20]!, { limit: 200 });
      expect(nextCursor).toBeNull();
      // 1 join is a membership (not on the timeline); 42 events, 4 purchases, 5 stage changes.
      expect(entries.length).toBe(42 + 4 + 5);
      const sorted = [...entries].sort(
        (a, b) =>
          Date.parse(b.at) - Date.parse(a.at) ||
          (b.at > a.at ? 1 : b.at < a.at ? -1 : 0) ||
          rank[b.kind] - rank[a.kind] ||
          b.id - a.id,
      );
      expect(entries.map(keyOf)).toEqual(sorted.map(keyOf));
      // At the tie second: the two stage changes, then the three purchases, then 12 events.
      const atTie = entries.filter((e) => e.at.startsWith('2026-10-01T12:00:00'));
      expect(atTie.map((e) => e.kind)).toEqual([
        ...Array<string>(2).fill('stage'),
        ...Array<string>(3).fill('purchase'),
        ...Array<string>(12).fill('event'),
      ]);
      expect(entries.slice(0, 1).map((e) => e.kind)).toEqual(['stage']);
      const micro = entries.filter((e) => e.at.startsWith('2026-09-20T00:00:00.12345'));
      expect(micro.map((e) => e.at)).toEqual([
        '2026-09-20T00:00:00.123457Z',
        '2026-09-20T00:00:00.123456Z',
      ]);
    });

    it('pages by cursor without gaps or repeats, whatever the page size', async () => {
      const { entries: all } = await getTimeline(db, id[20]!, { limit: 200 });
      for (const limit of [1, 2, 3, 5, 7, 50]) {
        const paged: TimelineEntry[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await getTimeline(db, id[20]!, { cursor, limit });
          expect(page.entries.length).toBeLessThanOrEqual(limit);
          paged.push(...page.entries);
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 100);
        expect(paged.map(keyOf), `limit ${limit}`).toEqual(all.map(keyOf));
      }
    });

    it('shows message text, reactions and purchase amounts', async () => {
      const { entries } = await getTimeline(db, id[11]!);
      expect(
        entries.map((e) =>
          e.kind === 'event'
            ? [e.type, e.community.title, e.text, e.reaction]
            : e.kind === 'purchase'
              ? [e.kind, e.amount, e.currency]
              : [e.kind, e.from, e.to, e.ruleSetVersion],
        ),
      ).toEqual([
        ['stage', 'new', 'high_value', 1],
        ['purchase', '120.00', 'CNY'],
        ['reply', 'Fan group', 'again', null],
        ['reaction', 'Fan group', null, '👍'],
        ['message', 'Fan group', 'Hi, I am Anna, call me on 555-0101', null],
        ['stage', null, 'new', 1],
      ]);
    });

    it('refuses a cursor it did not make', async () => {
      for (const bad of ['nope', encodeCursor({ at: 'x', kind: 'event', id: 1 }), '%%%'])
        await expect(getTimeline(db, id[20]!, { cursor: bad })).rejects.toThrow(FanError);
      expect(decodeCursor(encodeCursor({ at: TIE, kind: 'stage', id: 3 }))).toEqual({
        at: TIE,
        kind: 'stage',
        id: 3,
      });
      await expect(getTimeline(db, id[20]!, { limit: 0 })).rejects.toThrow(/limit/);
    });
  });

  describe('tags', () => {
    const audits = (action: string) =>
      db.execute<{ actor_user_id: number; entity_id: string; before: unknown; after: unknown }>(
        sql`select actor_user_id, entity_id, before, after from audit_log where action = ${action} order by id`,
      );

    it('adds by name, making the tag when new, and removes; each change audited', async () => {
      const first = await addFanTag(db, {
        fanId: id[12]!,
        name: '  VIP   buyer ',
        actorUserId: actor,
      });
      expect(first).toMatchObject({ tag: { name: 'VIP buyer' }, added: true });
      // The same tag in another case is the same tag; a second add changes nothing.
      expect(
        await addFanTag(db, { fanId: id[12]!, name: 'vip BUYER', actorUserId: actor }),
      ).toEqual({
        tag: first.tag,
        added: false,
      });
      await addFanTag(db, { fanId: id[11]!, name: 'vip buyer', actorUserId: actor });
      await addFanTag(db, { fanId: id[11]!, name: 'complained', actorUserId: actor });
      const [tags] = await db.execute<{ n: number }>(sql`select count(*)::int as n from tags`);
      expect(tags!.n).toBe(2);
      expect((await getFanProfile(db, id[12]!)).tags).toMatchObject([
        { id: first.tag.id, name: 'VIP buyer', addedBy: 'Sam Support' },
      ]);

      expect(
        await removeFanTag(db, { fanId: id[12]!, tagId: first.tag.id, actorUserId: actor }),
      ).toEqual({ removed: true });
      expect(
        await removeFanTag(db, { fanId: id[12]!, tagId: first.tag.id, actorUserId: actor }),
      ).toEqual({ removed: false });
      expect((await getFanProfile(db, id[12]!)).tags).toEqual([]);

      expect(await audits('fan.tag.add')).toEqual([
        {
          actor_user_id: actor,
          entity_id: String(id[12]),
          before: null,
          after: { tag: first.tag },
        },
        expect.objectContaining({ entity_id: String(id[11]) }),
        expect.objectContaining({ entity_id: String(id[11]) }),
      ]);
      expect(await audits('fan.tag.remove')).toEqual([
        {
          actor_user_id: actor,
          entity_id: String(id[12]),
          before: { tag: first.tag },
          after: null,
        },
      ]);
    });

    it('refuses empty, overlong and unknown-fan tags', async () => {
      for (const name of ['', '   ', 'x'.repeat(49), 42])
        await expect(
          addFanTag(db, { fanId: id[12]!, name, actorUserId: actor }),
        ).rejects.toMatchObject({
          code: 'invalid',
        });
      await expect(
        addFanTag(db, { fanId: 999_999, name: 'x', actorUserId: actor }),
      ).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  describe('privacy', () => {
    it('exports everything held about the fan, and audits it without the data', async () => {
      const data = await exportFan(db, id[11]!, { actorUserId: actor });
      expect(data.fan).toMatchObject({
        id: id[11],
        telegram_user_id: 11,
        username: 'Anna_Lee',
        first_name: 'Anna',
        last_name: 'Lee',
        language_code: 'en',
        erased_at: null,
      });
      expect(data.externalIds).toEqual([
        { system: 'crm', external_id: '987654' },
        { system: 'shop', external_id: 'C-1042' },
      ]);
      expect(data.memberships.map((m) => [m.community, m.action, m.invite_link])).toEqual([
        ['Fan group', 'join', 'https://t.me/+just-for-anna'],
        ['Fan channel', 'join', null],
        ['Fan channel', 'leave', null],
      ]);
      expect(data.events.map((e) => [e.type, (e.payload as { text?: string }).text])).toEqual([
        ['message', 'Hi, I am Anna, call me on 555-0101'],
        ['reaction', undefined],
        ['reply', 'again'],
      ]);
      expect(data.purchases).toMatchObject([{ amount: '120.00', currency: 'CNY' }]);
      expect(data.stageHistory.map((h) => h.to_stage)).toEqual(['new', 'high_value']);
      expect(data.currentStage).toMatchObject({ stage: 'high_value' });
      expect(data.tags.map((t) => t.name)).toEqual(['complained', 'VIP buyer']);
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);

      const [audit] = await db.execute<{ actor_user_id: number; after: unknown }>(
        sql`select actor_user_id, after from audit_log where action = 'fan.export' and entity_id = ${String(id[11])}`,
      );
      expect(audit).toEqual({
        actor_user_id: actor,
        after: { events: 3, memberships: 3, purchases: 1, stageChanges: 2 },
      });
    });

    it('erases personal data, keeps the counts, cannot be found, and is idempotent', async () => {
      const counts = () =>
        db.execute(sql`select
          (select count(*) from events where fan_id = ${id[11]}) as events,
          (select json_agg(d order by community_id, day) from fan_daily d where fan_id = ${id[11]}) as daily,
          (select json_agg(p.amount order by p.id) from purchases p where fan_id = ${id[11]}) as purchases,
          (select count(*) from fan_stage_history where fan_id = ${id[11]}) as stage_changes,
          (select count(*) from memberships where fan_id = ${id[11]}) as memberships,
          (select count(*) from memberships where invited_by_fan_id = ${id[11]}) as invited,
          (select stage from fan_lifecycle where fan_id = ${id[11]}) as stage,
          (select count(*) from fans) as fans`);
      const before = await counts();

      await expect(
        eraseFan(db, id[11]!, { actorUserId: actor, confirm: 'Anna' }),
      ).rejects.toMatchObject({ code: 'confirm_mismatch' });
      expect((await getFanProfile(db, id[11]!)).erased).toBe(false);

      const result = await eraseFan(db, id[11]!, {
        actorUserId: actor,
        confirm: eraseConfirmation(id[11]!),
      });
      expect(result.erased).toBe(true);
      expect(await counts()).toEqual(before);

      const profile = await getFanProfile(db, id[11]!);
      expect(profile).toMatchObject({
        erased: true,
        erasedAt: result.erasedAt,
        telegramUserId: null,
        username: null,
        firstName: null,
        lastName: null,
        languageCode: null,
        externalIds: [],
        tags: [],
      });
      expect(profile.memberships.flatMap((m) => m.records.map((r) => r.inviteLink))).toEqual([
        null,
        null,
        null,
      ]);
      const payloads = await db.execute<{ payload: unknown }>(
        sql`select payload from events where fan_id = ${id[11]} order by occurred_at`,
      );
      expect(payloads.map((p) => p.payload)).toEqual([
        { message_id: 7 },
        { message_id: 8, emoji: '👍' },
        { message_id: 9, reply_to: 7 },
      ]);
      const [{ n: tagRows } = { n: -1 }] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from fan_tags where fan_id = ${id[11]}`,
      );
      expect(tagRows).toBe(0);

      // Not found by its old keys; only by its number.
      for (const q of ['@anna_lee', 'Anna', 'anna lee', 'Lee', 'C-1042', '987654', '11'])
        expect(
          (await find(q)).map((r) => r.id),
          q,
        ).not.toContain(id[11]);
      expect(await find('#' + id[11])).toMatchObject([
        { id: id[11], erased: true, telegramUserId: null, username: null, firstName: null },
      ]);
      // Others who name it still do so by number.
      expect((await getFanProfile(db, id[12]!)).memberships[0]!.records[0]!.invitedBy).toEqual({
        id: id[11],
        username: null,
        firstName: null,
        lastName: null,
        erased: true,
      });

      // The audit row says who, which fan and when, and nothing of the person.
      const audit = await db.execute<{ actor_user_id: number; after: unknown; at: string }>(
        sql`select actor_user_id, after, at from audit_log where action = 'fan.erase' and entity_id = ${String(id[11])}`,
      );
      expect(audit).toEqual([
        {
          actor_user_id: actor,
          at: expect.any(String),
          after: { removed: { externalIds: 2, tags: 2, eventPayloads: 2, inviteLinks: 1 } },
        },
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/anna|lee|1042|555|just-for/i);

      // Again: nothing changes, no second audit row.
      const snapshot = await db.execute(sql`select * from fans where id = ${id[11]}`);
      expect(
        await eraseFan(db, id[11]!, { actorUserId: actor, confirm: eraseConfirmation(id[11]!) }),
      ).toEqual({ erased: false, erasedAt: result.erasedAt });
      expect(await db.execute(sql`select * from fans where id = ${id[11]}`)).toEqual(snapshot);
      const [{ n } = { n: -1 }] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from audit_log where action = 'fan.erase'`,
      );
      expect(n).toBe(1);
      await expect(
        addFanTag(db, { fanId: id[11]!, name: 'again', actorUserId: actor }),
      ).rejects.toMatchObject({ code: 'erased' });

      // The next sync's profile of that Telegram user does not write the name back: it is
      // a new fan now.
      await ingestBatch(db, [
        { kind: 'fan', telegramUserId: 11, username: 'Anna_Lee', firstName: 'Anna' },
      ]);
      expect((await getFanProfile(db, id[11]!)).username).toBeNull();
      expect((await find('@anna_lee')).map((r) => r.id)).not.toContain(id[11]);
      expect(await find('@anna_lee')).toHaveLength(1);
    });
  });
});
