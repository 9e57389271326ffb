import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { cursorSchema } from './cursor';
import { SegmentFilterError } from './errors';
import { parseSegmentFilters, type SegmentFilters } from './filters';
import { countSegment, getSegmentPage, type SegmentFan } from './query';
import { deleteSegment, listSegments, saveSegment } from './saved';
import { fans, joinedAt, seedSegmentFans } from './testing/seed';

const filters = (input: Record<string, unknown>): SegmentFilters => {
  const parsed = parseSegmentFilters(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.filters;
};

async function allPages(db: Database, f: SegmentFilters): Promise<SegmentFan[]> {
  const seen: SegmentFan[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await getSegmentPage(db, f, {
      after: after === null ? undefined : cursorSchema.parse(after),
      personal: true,
    });
    seen.push(...page.fans);
    if (!page.nextCursor) return seen;
    after = page.nextCursor;
  }
}

describe('segment browser', () => {
  let db: Database;
  let channelId: number;
  beforeAll(async () => {
    ({ db } = await useTestDb());
    ({ channelId } = await seedSegmentFans(db));
  });

  it('pages through every fan once, in order, ties broken by fan id, whatever the sort', async () => {
    for (const sort of ['joined_at', 'last_seen', 'spend'] as const)
      for (const dir of ['asc', 'desc'] as const) {
        const f = filters({ sort, dir });
        const rows = await allPages(db, f);
        expect(rows).toHaveLength(120);
        expect(new Set(rows.map((r) => r.fanId)).size).toBe(120);
        expect(await countSegment(db, f)).toBe(120);
        const key = (r: SegmentFan) =>
          sort === 'spend'
            ? r.spend
            : Date.parse(sort === 'joined_at' ? r.joinedAt : (r.lastEngagedAt ?? r.joinedAt));
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [rows[i - 1]!, rows[i]!];
          const order = Math.sign(key(b) - key(a)) || Math.sign(b.fanId - a.fanId);
          expect(order).toBe(dir === 'asc' ? 1 : -1);
        }
      }
    const first = await getSegmentPage(db, filters({}), { personal: true });
    expect(first.fans).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
  });

  it('gives out cursors bound to their sort order, with the value as its column type', async () => {
    for (const [sort, value] of [
      ['joined_at', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$/],
      ['spend', /^\d+(\.\d+)?$/],
    ] as const) {
      const page = await getSegmentPage(db, filters({ sort, dir: 'asc' }), { personal: true });
      expect(cursorSchema.parse(page.nextCursor)).toMatchObject({
        sort,
        dir: 'asc',
        value: expect.stringMatching(value),
      });
    }
  });

  it('reads no names, usernames or Telegram ids for a role without fan lookup', async () => {
    const page = await getSegmentPage(db, filters({ sort: 'joined_at' }), { personal: false });
    expect(page.personal).toBe(false);
    for (const fan of page.fans)
      expect(fan).toMatchObject({ name: null, username: null, telegramUserId: null });
    const named = await getSegmentPage(db, filters({ sort: 'joined_at' }), { personal: true });
    expect(named.fans.map((f) => f.fanId)).toEqual(page.fans.map((f) => f.fanId));
    expect(named.fans.every((f) => f.name && f.telegramUserId)).toBe(true);
  });

  it('filters by stage, tag, community, join date, silence and spend', async () => {
    const count = (input: Record<string, unknown>) => countSegment(db, filters(input));
    // Stages as the lifecycle job stored them.
    const [atRisk] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from fan_lifecycle where stage in ('at_risk', 'churned')`,
    );
    expect(await count({ stage: 'at_risk,churned' })).toBe(atRisk!.n);
    expect(await count({ tag: 'vip' })).toBe(7);
    expect(await count({ tag: 'unused' })).toBe(0);
    expect(await count({ community: String(channelId) })).toBe(30);
    // Silent since joining (about 20 days): every fifth fan; the others wrote 10 days ago.
    expect(await count({ silentMin: '15' })).toBe(24);
    expect(await count({ silentMax: '12' })).toBe(96);
    // Buyers 60, 70, …, 120.
    expect(await count({ spendMin: '60' })).toBe(7);
    expect(await count({ spendMin: '60', spendMax: '100', tag: 'vip' })).toBe(0);
    const day = joinedAt(1).toISOString().slice(0, 10);
    expect(await count({ joinedFrom: day, joinedTo: day })).toBe(
      fans.filter((f) => joinedAt(f).toISOString().slice(0, 10) === day).length,
    );
    const vip = await getSegmentPage(db, filters({ tag: 'vip', sort: 'joined_at', dir: 'asc' }), {
      personal: true,
    });
    expect(vip.fans.map((f) => f.tags)).toEqual(Array(7).fill(['vip']));
  });

  it('refuses bad filters with a clear error and reads nothing', async () => {
    const issues = (input: Record<string, unknown>) => {
      const parsed = parseSegmentFilters(input);
      return parsed.ok
        ? []
        : parsed.issues.map((i) => [i.path, i.message].filter(Boolean).join(' '));
    };
    expect(issues({ stage: 'active,lurker' })).toEqual([
      expect.stringMatching(/^stage\.1 must be among new, active/),
    ]);
    expect(issues({ colour: 'red' })).toEqual(['colour is not a filter']);
    expect(issues({ joinedFrom: '2026-02-30' })).toEqual([
      'joinedFrom must be a real calendar date between 0001-01-01 and 9999-12-31',
    ]);
    expect(issues({ joinedFrom: '0000-01-01' })).toHaveLength(1);
    expect(issues({ tag: 'a\u0000b' })).toEqual(['tag must not contain control characters']);
    expect(issues({ community: '0x10' })).toEqual([expect.stringMatching(/^community /)]);
    expect(issues({ silentMin: '9', silentMax: '3' })).toEqual([
      'silentMin must not be more than silentMax',
    ]);
    expect(issues({ sort: 'name' })).toEqual([
      'sort must be one of joined_at, last_seen, spend, clv, p_alive, r_score, f_score, m_score',
    ]);
    await expect(countSegment(db, filters({ tag: 'vip,ghost' }))).rejects.toThrow(
      new SegmentFilterError('query.tag', 'unknown_tag', ['ghost']),
    );
    await expect(countSegment(db, filters({ community: '999999' }))).rejects.toMatchObject({
      status: 400,
      fields: [{ path: 'query.community', code: 'unknown_community', values: [999999] }],
    });
  });

  it('saves, reloads, renames by case and deletes named segments, each audited', async () => {
    const f = filters({ tag: 'vip', sort: 'spend', dir: 'asc' });
    const saved = await saveSegment(db, { name: 'VIPs', filters: f, userId: null });
    await saveSegment(db, { name: 'vips', filters: filters({ tag: 'vip' }), userId: null });
    const list = await listSegments(db);
    expect(list.map((s) => [s.id, s.name, s.query, s.problem])).toEqual([
      [saved.id, 'VIPs', 'tag=vip', null],
    ]);
    expect(await deleteSegment(db, { id: saved.id, userId: null })).toBe(true);
    expect(await deleteSegment(db, { id: saved.id, userId: null })).toBe(false);
    expect(await listSegments(db)).toEqual([]);
    const audit = await db.execute<{ action: string; entity_id: string }>(
      sql`select action, entity_id from audit_log where entity = 'segment' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['segment.save', 'segment.save', 'segment.delete']);
  });

  it('refuses to save a segment naming a missing tag or community, naming the field', async () => {
    await expect(
      saveSegment(db, { name: 'Ghosts', filters: filters({ tag: 'ghost' }), userId: null }),
    ).rejects.toMatchObject({ fields: [{ path: 'body.query.tag', code: 'unknown_tag' }] });
    await expect(
      saveSegment(db, { name: 'Nowhere', filters: filters({ community: '999999' }), userId: null }),
    ).rejects.toMatchObject({ fields: [{ path: 'body.query.community' }] });
    expect(await listSegments(db)).toEqual([]);
  });

  it('lists a segment whose tag or community went away, or whose filters are refused now, with the reason', async () => {
    await db.execute(sql`insert into tags (name) values ('short-lived')`);
    await saveSegment(db, { name: 'A', filters: filters({ tag: 'short-lived' }), userId: null });
    await db.execute(sql`delete from tags where name = 'short-lived'`);
    // Saved before dates were checked as Postgres reads them, and before communities were.
    await db.execute(sql`insert into segments (name, filters) values
      ('B', '{"joinedFrom": "0000-01-01"}'), ('C', '{"community": "999999"}'),
      ('D', '{"stage": "churned"}')`);
    const list = await listSegments(db);
    expect(list.map((s) => [s.name, s.problem?.code ?? null])).toEqual([
      ['A', 'unknown_tag'],
      ['B', 'invalid_filters'],
      ['C', 'unknown_community'],
      ['D', null],
    ]);
    expect(list[0]!.problem).toMatchObject({ values: ['short-lived'] });
    expect(list[3]!.query).toBe('stage=churned');
  });
});
