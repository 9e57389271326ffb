import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, Sql } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { refreshGrowthRollups } from '../growth/rollups';
import { ingestBatch, type FactInput } from '../ingest';
import { refreshLifecycle } from '../lifecycle/refresh';
import { SegmentFilterError } from './errors';
import { writeSegmentCsv } from './export-csv';
import { parseSegmentFilters, segmentSearchParams, type SegmentFilters } from './filters';
import { countSegment, getSegmentPage, type SegmentFan } from './query';
import { deleteSegment, listSegments, saveSegment } from './saved';

const GROUP = -2001;
const CHANNEL = -2002;
const dayMs = 86_400_000;
// 120 fans joined over 40 hours starting 20 days ago, three at each hour (ties to break).
// Fans whose number is not a multiple of 5 wrote a message 10 days ago; every tenth fan
// bought for as much as its number; fans 1–30 also joined the channel; 1–7 are tagged vip.
const t0 = Math.floor((Date.now() - 20 * dayMs) / 3_600_000) * 3_600_000;
const fans = Array.from({ length: 120 }, (_, i) => i + 1);
const joinedAt = (fan: number) => new Date(t0 + (fan % 40) * 3_600_000);

const filters = (input: Record<string, unknown>): SegmentFilters => {
  const parsed = parseSegmentFilters(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.filters;
};

async function allPages(db: Database, f: SegmentFilters): Promise<SegmentFan[]> {
  const seen: SegmentFan[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await getSegmentPage(db, f, after);
    seen.push(...page.fans);
    if (!page.nextCursor) return seen;
    after = page.nextCursor;
  }
}

describe('segment browser', () => {
  let db: Database;
  let client: Sql;
  let channelId: number;
  beforeAll(async () => {
    ({ db, sql: client } = await useTestDb());
    const facts: FactInput[] = [
      { kind: 'community', telegramId: GROUP, type: 'supergroup', title: 'Group' },
      { kind: 'community', telegramId: CHANNEL, type: 'channel', title: 'Channel' },
    ];
    for (const fan of fans) {
      facts.push({ kind: 'fan', telegramUserId: fan, firstName: `Fan ${fan}` });
      const join = (community: number): FactInput => ({
        kind: 'membership',
        sourceKey: `test:join:${community}:${fan}`,
        community,
        fan,
        action: 'join',
        at: joinedAt(fan),
        source: 'live',
      });
      facts.push(join(GROUP));
      if (fan <= 30) facts.push(join(CHANNEL));
      if (fan % 5 !== 0)
        facts.push({
          kind: 'event',
          sourceKey: `test:msg:${fan}`,
          community: GROUP,
          fan,
          type: 'message',
          at: new Date(t0 + 10 * dayMs),
        });
      if (fan % 10 === 0)
        facts.push({
          kind: 'purchase',
          sourceKey: `test:order:${fan}`,
          orderId: `o${fan}`,
          fan,
          amount: fan,
          currency: 'CNY',
          at: new Date(t0 + 11 * dayMs),
        });
    }
    await ingestBatch(db, facts);
    await refreshLifecycle(db, { asOf: new Date() });
    await refreshGrowthRollups(db);
    await db.execute(sql`insert into tags (name) values ('vip'), ('unused')`);
    await db.execute(sql`
      insert into fan_tags (fan_id, tag_id)
      select f.id, t.id from fans f, tags t where t.name = 'vip' and f.telegram_user_id <= 7`);
    [{ id: channelId }] = (await db.execute<{ id: number }>(
      sql`select id from communities where telegram_id = ${CHANNEL}`,
    )) as unknown as [{ id: number }];
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
    const first = await getSegmentPage(db, filters({}));
    expect(first.fans).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
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
    const vip = await getSegmentPage(db, filters({ tag: 'vip', sort: 'joined_at', dir: 'asc' }));
    expect(vip.fans.map((f) => f.tags)).toEqual(Array(7).fill(['vip']));
  });

  it('refuses bad filters with a clear error and reads nothing', async () => {
    const issues = (input: Record<string, unknown>) => {
      const parsed = parseSegmentFilters(input);
      return parsed.ok ? [] : parsed.issues.map((i) => `${i.path} ${i.message}`);
    };
    expect(issues({ stage: 'active,lurker' })).toEqual([
      expect.stringMatching(/^stage\.1 must be among new, active/),
    ]);
    expect(issues({ colour: 'red' })).toEqual(['colour is not a filter']);
    expect(issues({ joinedFrom: '2026-02-30' })).toEqual([
      'joinedFrom must be a date as YYYY-MM-DD',
    ]);
    expect(issues({ silentMin: '9', silentMax: '3' })).toEqual([
      'silentMin must not be more than silentMax',
    ]);
    expect(issues({ sort: 'name' })).toEqual(['sort must be one of joined_at, last_seen, spend']);
    await expect(countSegment(db, filters({ tag: 'vip,ghost' }))).rejects.toThrow(
      new SegmentFilterError('tag', 'has no tag named "ghost"'),
    );
    await expect(countSegment(db, filters({ community: '999999' }))).rejects.toThrow(
      'community 999999 does not exist',
    );
    await expect(getSegmentPage(db, filters({}), 'garbage')).rejects.toThrow(
      'after is not a cursor this page gave out',
    );
  });

  it('exports the whole segment as CSV in the browser’s order', async () => {
    const f = filters({ stage: 'active,at_risk,new,churned,core,high_value', sort: 'spend' });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const written = await writeSegmentCsv(client, f, out);
    const rows = parse(Buffer.concat(chunks).toString('utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(written).toBe(120);
    expect(rows.map((r) => Number(r.fan_id))).toEqual((await allPages(db, f)).map((r) => r.fanId));
    expect(rows[0]).toMatchObject({
      stage: expect.any(String),
      name: expect.stringMatching(/^Fan /),
    });
  });

  it('saves, reloads, renames by case and deletes named segments', async () => {
    const f = filters({ tag: 'vip', sort: 'spend', dir: 'asc' });
    const saved = await saveSegment(db, {
      name: 'VIPs',
      filters: f,
      userId: null,
    });
    await saveSegment(db, {
      name: 'vips',
      filters: filters({ tag: 'vip' }),
      userId: null,
    });
    const list = await listSegments(db);
    expect(list.map((s) => [s.id, s.name, segmentSearchParams(s.filters).toString()])).toEqual([
      [saved.id, 'VIPs', 'tag=vip'],
    ]);
    await expect(saveSegment(db, { name: '  ', filters: f, userId: 1 })).rejects.toThrow(
      'name must not be empty',
    );
    expect(await deleteSegment(db, saved.id)).toBe(true);
    expect(await listSegments(db)).toEqual([]);
  });
});
