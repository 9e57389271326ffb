import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute } from '@/lib/api/testing/call-route';
import { addDays } from '@/lib/communities/dates';
import { ingestBatch } from '@/lib/ingest';
import { stageMovesLimit } from '@/lib/overview/queries';
import { CHANNEL, roleCookies, seedSegmentFans } from '@/lib/segments/testing/seed';
import { GET as engagementsPerDay } from '../communities/[id]/engagements-per-day/route';
import { GET as overview } from '../overview/[chart]/route';
import { GET as growth } from './[chart]/route';

let db: Database;
let cookies: Awaited<ReturnType<typeof roleCookies>>;
let channelId = 0;
let groupId = 0;
const today = new Date().toISOString().slice(0, 10);
const wide = { from: addDays(today, -300), to: addDays(today, 1) };
const postText = '@SUM(1+1)*cmd|" /C calc"!A0';

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  ({ channelId } = await seedSegmentFans(db));
  [{ id: groupId }] = (await db.execute<{ id: number }>(
    sql`select id from communities where id <> ${channelId}`,
  )) as unknown as [{ id: number }];
  await ingestBatch(db, [
    {
      kind: 'post',
      community: CHANNEL,
      messageId: 1,
      at: new Date(Date.now() - 3 * 86_400_000),
      text: postText,
      views: 10,
      forwards: 0,
      reactions: 0,
      replies: 0,
      observedAt: new Date(),
    },
  ]);
  cookies = await roleCookies(db);
});

const chart = (
  handler: typeof growth,
  area: string,
  name: string,
  query: Record<string, string>,
  cookie = cookies.growth,
) => callRoute(handler, `/api/${area}/${name}`, { params: { chart: name }, query, cookie });
const issues = (res: { json: unknown }) =>
  (res.json as { error: { fields?: { path: string; code: string }[] } }).error.fields ?? [];

describe('GET /api/growth/:chart and /api/overview/:chart', () => {
  it('GET /api/growth/funnel – dates in year 0000', async () => {
    for (const query of [
      { from: '0000-01-01', to: '2026-01-01' },
      { from: '2026-01-01', to: '0000-12-31' },
    ]) {
      const res = await chart(growth, 'growth', 'funnel', query);
      expect(res.status).toBe(400);
      expect(issues(res)[0]).toMatchObject({ code: 'invalid_date' });
    }
    const res = await chart(overview, 'overview', 'stage-counts', {
      community: String(groupId),
      from: '0000-01-01',
      to: '2026-01-01',
    });
    expect(res.status).toBe(400);
    expect(issues(res)).toEqual([expect.objectContaining({ path: 'query.from' })]);
  });

  it('GET /api/growth/funnel – 30 February, a reversed range, a community in hex, an extra key', async () => {
    for (const [query, path] of [
      [{ from: '2026-02-30', to: '2026-03-01' }, 'query.from'],
      [{ from: '2026-03-02', to: '2026-03-01' }, 'query.from'],
      [{ community: '0x10', ...wide }, 'query.community'],
      [{ format: 'xml', ...wide }, 'query.format'],
      [{ colour: 'red', ...wide }, 'query'],
    ] as const) {
      const res = await chart(growth, 'growth', 'funnel', query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(issues(res)[0]).toMatchObject({ path });
    }
  });

  it('GET /api/growth/:chart – a chart that does not exist, a community that does not', async () => {
    const nope = await chart(growth, 'growth', 'nope', wide);
    expect(nope.status).toBe(400);
    expect(issues(nope)[0]).toMatchObject({ path: 'params.chart' });
    const gone = await chart(growth, 'growth', 'funnel', { community: '999999', ...wide });
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ error: { code: 'not_found' } });
  });

  it('GET /api/overview/stage-counts – all communities, for a chart kept per community', async () => {
    const res = await chart(overview, 'overview', 'stage-counts', { community: 'all', ...wide });
    expect(res.status).toBe(400);
    expect(issues(res)).toEqual([
      expect.objectContaining({ path: 'query.community', code: 'one_community' }),
    ]);
  });

  it('GET /api/growth/funnel – a role without charts', async () => {
    const res = await chart(growth, 'growth', 'funnel', wide, cookies.operator);
    expect(res.status).toBe(403);
  });

  it('GET /api/growth/posts?format=csv – a post starting like a formula is written as text, and audited', async () => {
    const res = await chart(growth, 'growth', 'posts', { ...wide, format: 'csv' });
    expect(res.status).toBe(200);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.text)).toEqual([`'${postText}`]);
    const [audit] = await db.execute<{ actor_user_id: number; entity_id: string; after: unknown }>(
      sql`select actor_user_id, entity_id, after from audit_log where action = 'chart.export'`,
    );
    expect(audit).toEqual({
      actor_user_id: cookies.ids.growth,
      entity_id: 'growth/posts',
      after: { filters: { communityId: 0, ...wide }, rows: 1 },
    });
  });

  it('GET /api/overview/stage-moves – the fan’s number only for roles without fan lookup', async () => {
    const query = { community: String(groupId), ...wide };
    const growthJson = await chart(overview, 'overview', 'stage-moves', query);
    const moves = (growthJson.json as { data: { fanName: string; username: null }[] }).data;
    expect(moves).toHaveLength(stageMovesLimit);
    for (const m of moves) expect(m).toMatchObject({ fanName: expect.stringMatching(/^#\d+$/) });
    const growthCsv = await chart(overview, 'overview', 'stage-moves', { ...query, format: 'csv' });
    expect(growthCsv.text.split('\n')[0]).toBe('changed_at,fan_id,from,to,rule,rule_set_version');
    expect(growthCsv.text).not.toMatch(/Fan \d|HYPERLINK/);

    const adminCsv = await chart(
      overview,
      'overview',
      'stage-moves',
      { ...query, format: 'csv', to: addDays(today, 1) },
      cookies.admin,
    );
    expect(adminCsv.text.split('\n')[0]).toBe(
      'changed_at,fan_id,fan,username,from,to,rule,rule_set_version',
    );
    expect(adminCsv.text).toMatch(/Fan \d/);
    // Fan 1 is named like a formula: no cell may start with `=`.
    expect(adminCsv.text).not.toMatch(/^=|,=/m);
  });
});

describe('GET /api/communities/:id/engagements-per-day', () => {
  const get = (id: string, query: Record<string, string>) =>
    callRoute(engagementsPerDay, `/api/communities/${id}/engagements-per-day`, {
      params: { id },
      query,
      cookie: cookies.growth,
    });

  it('GET /api/communities/:id/engagements-per-day – dates in year 0000', async () => {
    const res = await get(String(groupId), { from: '0000-01-01', to: '0000-01-31' });
    expect(res.status).toBe(400);
    expect(issues(res).map((i) => [i.path, i.code])).toEqual([
      ['query.from', 'invalid_date'],
      ['query.to', 'invalid_date'],
    ]);
  });

  it('GET /api/communities/:id/engagements-per-day – a malformed id, a missing community', async () => {
    const range = { from: '2026-01-01', to: '2026-01-31' };
    const bad = await get('1.5', range);
    expect(bad.status).toBe(400);
    expect(issues(bad)[0]).toMatchObject({ path: 'params.id' });
    expect((await get('999999', range)).status).toBe(404);
  });

  it('GET /api/communities/:id/engagements-per-day – a day per date, zeros included', async () => {
    const res = await get(String(groupId), { from: addDays(today, -29), to: today });
    expect(res.status).toBe(200);
    expect((res.json as { days: unknown[] }).days).toHaveLength(30);
  });
});
