import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute } from '@/lib/api/testing/call-route';
import { formulaName, roleCookies, seedSegmentFans } from '@/lib/segments/testing/seed';
import { GET as count } from './count/route';
import { GET as exportCsv } from './export/route';
import { GET as fansPage } from './fans/route';
import { DELETE as deleteSaved } from './saved/[id]/route';
import { GET as listSaved, POST as save } from './saved/route';

let db: Database;
let cookies: Awaited<ReturnType<typeof roleCookies>>;
beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  await seedSegmentFans(db);
  cookies = await roleCookies(db);
});

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const issues = (res: { json: unknown }) =>
  (res.json as { error: { fields?: { path: string; code: string }[] } }).error.fields ?? [];
const segmentsStored = async () =>
  (await db.execute<{ n: number }>(sql`select count(*)::int as n from segments`))[0]!.n;

describe('GET /api/segments/count', () => {
  const get = (query: Record<string, string>) =>
    callRoute(count, '/api/segments/count', { query, cookie: cookies.growth });

  it('GET /api/segments/count – counts the segment', async () => {
    const res = await get({ tag: 'vip' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ count: 7 });
  });

  it('GET /api/segments/count – joinedFrom in year 0000', async () => {
    for (const key of ['joinedFrom', 'joinedTo']) {
      const res = await get({ [key]: '0000-01-01' });
      expect(res.status).toBe(400);
      expect(issues(res)).toEqual([
        expect.objectContaining({ path: `query.${key}`, code: 'invalid_date' }),
      ]);
    }
  });

  it('GET /api/segments/count – a tag with a NUL', async () => {
    const res = await get({ tag: 'vip\u0000' });
    expect(res.status).toBe(400);
    expect(issues(res)).toEqual([
      expect.objectContaining({ path: 'query.tag', code: 'control_character' }),
    ]);
  });

  it('GET /api/segments/count – a tag that does not exist', async () => {
    const res = await get({ tag: 'vip,ghost' });
    expect(res.status).toBe(400);
    expect(issues(res)).toEqual([
      expect.objectContaining({ path: 'query.tag', code: 'unknown_tag', values: ['ghost'] }),
    ]);
  });

  it('GET /api/segments/count – a key that is not a filter, a community id in hex', async () => {
    expect((await get({ colour: 'red' })).status).toBe(400);
    const hex = await get({ community: '0x10' });
    expect(hex.status).toBe(400);
    expect(issues(hex)[0]).toMatchObject({ path: 'query.community' });
  });

  it('GET /api/segments/count – a role without segments', async () => {
    const res = await callRoute(count, '/api/segments/count', { cookie: cookies.support });
    expect(res.status).toBe(403);
  });
});

describe('GET /api/segments/fans', () => {
  const get = (query: Record<string, string>, cookie = cookies.growth) =>
    callRoute(fansPage, '/api/segments/fans', { query, cookie });

  it('GET /api/segments/fans – a cursor whose value is not a time', async () => {
    for (const after of [
      cursor(['joined_at', 'desc', 'yesterday', 5]),
      cursor(['joined_at', 'desc', '0000-01-01T00:00:00Z', 5]),
      // The old shape, [value, fan id], with a value Postgres cannot cast.
      cursor(['not a time', 5]),
      'garbage!',
    ]) {
      const res = await get({ after });
      expect(res.status, after).toBe(400);
      expect(issues(res)).toEqual([
        expect.objectContaining({ path: 'query.after', code: 'invalid_cursor' }),
      ]);
    }
  });

  it('GET /api/segments/fans – a spend cursor that is not a number', async () => {
    const res = await get({ sort: 'spend', after: cursor(['spend', 'desc', '12;drop', 5]) });
    expect(res.status).toBe(400);
    expect(issues(res)[0]).toMatchObject({ path: 'query.after', code: 'invalid_cursor' });
  });

  it('GET /api/segments/fans – a real cursor reused under another sort order', async () => {
    const first = await get({ sort: 'spend', dir: 'asc' });
    const next = (first.json as { nextCursor: string }).nextCursor;
    expect((await get({ sort: 'spend', dir: 'asc', after: next })).status).toBe(200);
    for (const query of [{ sort: 'joined_at' }, { sort: 'spend', dir: 'desc' }] as Record<
      string,
      string
    >[]) {
      const res = await get({ ...query, after: next });
      expect(res.status).toBe(400);
      expect(issues(res)).toEqual([
        expect.objectContaining({ path: 'query.after', code: 'cursor_mismatch' }),
      ]);
    }
  });

  it('GET /api/segments/fans – growth and operator see no names, usernames or Telegram ids', async () => {
    for (const role of ['growth', 'operator'] as const) {
      const res = await get({ sort: 'joined_at', dir: 'asc' }, cookies[role]);
      expect(res.status).toBe(200);
      const page = res.json as { personal: boolean; fans: Record<string, unknown>[] };
      expect(page.personal).toBe(false);
      expect(page.fans).toHaveLength(50);
      for (const fan of page.fans)
        expect(fan).toMatchObject({ name: null, username: null, telegramUserId: null });
      expect(res.text).not.toMatch(/Fan \d|HYPERLINK/);
    }
    const admin = await get({ sort: 'joined_at', dir: 'asc' }, cookies.admin);
    const page = admin.json as { personal: boolean; fans: { name: string }[] };
    expect(page.personal).toBe(true);
    expect(page.fans.every((f) => f.name)).toBe(true);
  });
});

describe('GET /api/segments/export', () => {
  const rowsOf = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

  it('GET /api/segments/export – growth gets the fan number and the numbers only', async () => {
    const res = await callRoute(exportCsv, '/api/segments/export', {
      query: { sort: 'joined_at' },
      cookie: cookies.growth,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text.split('\n')[0]).toBe(
      'fan_id,stage,joined_at,last_engaged_at,spend,window_engagements,active_days,tags,clv_12m,p_alive,r_score,f_score,m_score',
    );
    expect(rowsOf(res.text)).toHaveLength(120);
    expect(res.text).not.toMatch(/Fan \d|HYPERLINK/);
  });

  it('GET /api/segments/export – admin gets names, a formula-like name written as text', async () => {
    const res = await callRoute(exportCsv, '/api/segments/export', {
      query: { tag: 'vip' },
      cookie: cookies.admin,
    });
    const rows = rowsOf(res.text);
    expect(Object.keys(rows[0]!).slice(0, 4)).toEqual([
      'telegram_user_id',
      'fan_id',
      'name',
      'username',
    ]);
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r.telegram_user_id === '1')!.name).toBe(`'${formulaName}`);
  });

  it('GET /api/segments/export – audited with the filters and the row count, not the rows', async () => {
    await callRoute(exportCsv, '/api/segments/export', {
      query: { tag: 'vip', sort: 'spend' },
      cookie: cookies.operator,
    });
    const [audit] = await db.execute<{ actor_user_id: number; after: Record<string, unknown> }>(
      sql`select actor_user_id, after from audit_log where action = 'segment.export'
        order by id desc limit 1`,
    );
    expect(audit).toEqual({
      actor_user_id: cookies.ids.operator,
      after: {
        filters: { tag: 'vip', sort: 'spend' },
        rows: 7,
        completed: true,
        personal: false,
      },
    });
  });

  it('GET /api/segments/export – a tag that does not exist, before any byte', async () => {
    const res = await callRoute(exportCsv, '/api/segments/export', {
      query: { tag: 'ghost' },
      cookie: cookies.admin,
    });
    expect(res.status).toBe(400);
    expect(issues(res)[0]).toMatchObject({ path: 'query.tag', code: 'unknown_tag' });
  });
});

describe('/api/segments/saved', () => {
  const post = (json: unknown) =>
    callRoute(save, '/api/segments/saved', { method: 'POST', json, cookie: cookies.growth });

  it('POST /api/segments/saved – name with a NUL', async () => {
    const res = await post({ name: 'VIP\u0000', query: 'tag=vip' });
    expect(res.status).toBe(400);
    expect(issues(res)).toEqual([
      expect.objectContaining({ path: 'body.name', code: 'control_character' }),
    ]);
    expect(await segmentsStored()).toBe(0);
  });

  it('POST /api/segments/saved – a query with a NUL, a date in year 0000, a stray key', async () => {
    for (const [query, path, code] of [
      ['tag=vip%00', 'body.query.tag', 'control_character'],
      ['joinedFrom=0000-01-01', 'body.query.joinedFrom', 'invalid_date'],
      ['colour=red', 'body.query', 'unrecognized_keys'],
    ]) {
      const res = await post({ name: 'x', query });
      expect(res.status, query).toBe(400);
      expect(issues(res)).toEqual([expect.objectContaining({ path, code })]);
    }
    expect(await segmentsStored()).toBe(0);
  });

  it('POST /api/segments/saved – a tag or community that does not exist', async () => {
    const tag = await post({ name: 'Ghosts', query: 'tag=vip,ghost' });
    expect(tag.status).toBe(400);
    expect(issues(tag)).toEqual([
      expect.objectContaining({ path: 'body.query.tag', code: 'unknown_tag', values: ['ghost'] }),
    ]);
    const community = await post({ name: 'Nowhere', query: 'community=999999' });
    expect(issues(community)).toEqual([
      expect.objectContaining({ path: 'body.query.community', code: 'unknown_community' }),
    ]);
    expect(await segmentsStored()).toBe(0);
  });

  it('POST then DELETE /api/segments/saved – saved, listed and deleted, each audited', async () => {
    const res = await post({ name: 'Churned', query: 'stage=churned&sort=last_seen' });
    expect(res.status).toBe(200);
    const { id } = res.json as { id: number };
    const list = await callRoute(listSaved, '/api/segments/saved', { cookie: cookies.growth });
    expect(list.json).toMatchObject({
      segments: [{ id, name: 'Churned', query: 'stage=churned&sort=last_seen', problem: null }],
    });
    const del = (segmentId: string) =>
      callRoute(deleteSaved, `/api/segments/saved/${segmentId}`, {
        method: 'DELETE',
        params: { id: segmentId },
        cookie: cookies.growth,
      });
    expect((await del(String(id))).status).toBe(204);
    expect((await del(String(id))).status).toBe(404);
    expect((await del('1e3')).status).toBe(400);
    const audit = await db.execute<{ action: string; actor_user_id: number }>(
      sql`select action, actor_user_id from audit_log where entity = 'segment'
        and action <> 'segment.export' order by id`,
    );
    expect(audit).toEqual([
      { action: 'segment.save', actor_user_id: cookies.ids.growth },
      { action: 'segment.delete', actor_user_id: cookies.ids.growth },
    ]);
  });
});
