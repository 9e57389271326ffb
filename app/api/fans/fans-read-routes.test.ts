import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { createUser } from '@/lib/auth/users';
import { callRoute, sessionCookie } from '@/lib/api/testing/call-route';
import { seedFans, type FanIds } from '@/lib/fans/testing/fixture';
import { GET as getFan } from './[id]/route';
import { GET as exportFan } from './[id]/export/route';
import { GET as getTimeline } from './[id]/timeline/route';
import { GET as searchFans } from './route';

// The fan lookup's reads, called as Next calls them, on a seeded test database.

let db: Database, id: FanIds;
let support = '';
let growth = '';

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  ({ id } = await seedFans(db));
  const user = (email: string, role: 'support' | 'growth') =>
    createUser(db, { email, name: role, password: 'long-enough-pass', role });
  support = await sessionCookie(await user('sup@x.test', 'support'));
  growth = await sessionCookie(await user('gro@x.test', 'growth'));
});

const search = (q: string | undefined, cookie = support) =>
  callRoute(searchFans, '/api/fans', { query: q === undefined ? {} : { q }, cookie });
const timeline = (fan: string, query: Record<string, string>) =>
  callRoute(getTimeline, `/api/fans/${fan}/timeline`, {
    params: { id: fan },
    query,
    cookie: support,
  });
const refusal = (path: string, code: string, extra: object = {}) => ({
  error: { code: 'invalid', fields: [{ path, code, ...extra }] },
});
const raw = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');

describe('GET /api/fans', () => {
  it('GET /api/fans – finds by @username', async () => {
    const res = await search('@anna_lee');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      query: { kind: 'username', prefix: 'anna_lee' },
      results: [{ id: id[11], matchedBy: 'username' }],
      more: false,
    });
  });

  it.each([
    ['without q', undefined, 'invalid_type'],
    ['an empty q', '  ', 'empty'],
    ['a bad @username', '@anna lee', 'bad_username'],
    ['a bad #number', '#0', 'bad_fan_id'],
    ['a NUL', 'an\u0000na', 'control_character'],
    ['a tab', 'an\tna', 'control_character'],
    ['a C1 control', 'an\u0085na', 'control_character'],
    ['over 100 characters once trimmed', 'x'.repeat(101), 'too_long'],
    ['over 200 characters', 'x'.repeat(201), 'too_big'],
  ])('GET /api/fans – %s', async (_, q, code) => {
    const res = await search(q);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject(refusal('query.q', code));
  });

  it('GET /api/fans – a role without fan lookup gets 403, no session 401', async () => {
    expect((await search('@anna', growth)).status).toBe(403);
    expect((await search('@anna', '')).status).toBe(401);
  });
});

describe('GET /api/fans/:id', () => {
  const get = (fan: string) =>
    callRoute(getFan, `/api/fans/${fan}`, { params: { id: fan }, cookie: support });

  it('GET /api/fans/:id – the profile and why', async () => {
    const res = await get(String(id[11]));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ fan: { id: id[11], username: 'Anna_Lee' } });
  });

  it.each(['abc', '0', '-1', '1e3', '99999999999999999999', '1.5'])(
    'GET /api/fans/%s – 400 naming params.id',
    async (fan) => {
      const res = await get(fan);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        error: { code: 'invalid', fields: [{ path: 'params.id' }] },
      });
    },
  );

  it('GET /api/fans/:id – an unknown fan is 404 not_found', async () => {
    const res = await get('999999');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'not_found', message: 'No fan #999999' } });
  });
});

describe('GET /api/fans/:id/timeline', () => {
  it('GET /api/fans/:id/timeline – pages by the cursor it gave', async () => {
    const first = await timeline(String(id[20]), { limit: '5' });
    expect(first.status).toBe(200);
    const page = first.json as { entries: unknown[]; nextCursor: string };
    expect(page.entries).toHaveLength(5);
    const next = await timeline(String(id[20]), { cursor: page.nextCursor, limit: '5' });
    expect(next.status).toBe(200);
    expect((next.json as { entries: unknown[] }).entries).toHaveLength(5);
  });

  // Date.parse rolled these over and Postgres refused them: a 500 before.
  it.each([
    ['30 February', raw(['2026-02-30T12:00:00Z', 'event', '5'])],
    ['year 0000', raw(['0000-01-01T00:00:00Z', 'event', '5'])],
    ['garbage base64', 'Z2FyYmFnZQ'],
    ['a non-base64 cursor', 'not a cursor!'],
    ['an id beyond bigint', raw(['2026-01-01T00:00:00Z', 'stage', '99999999999999999999'])],
  ])('GET /api/fans/:id/timeline – a cursor with %s – 400 query.cursor', async (_, cursor) => {
    const res = await timeline(String(id[20]), { cursor });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject(refusal('query.cursor', 'invalid_cursor'));
  });

  it('GET /api/fans/:id/timeline – another fan’s cursor is a position: older entries of this fan', async () => {
    const other = (await timeline(String(id[11]), { limit: '1' })).json as {
      entries: { at: string }[];
      nextCursor: string;
    };
    const res = await timeline(String(id[20]), { cursor: other.nextCursor, limit: '200' });
    expect(res.status).toBe(200);
    const entries = (res.json as { entries: { at: string }[] }).entries;
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.at <= other.entries[0]!.at).toBe(true);
  });

  it.each(['0', '201', 'abc', '1.5', '-3'])(
    'GET /api/fans/:id/timeline – limit=%s – 400 query.limit',
    async (limit) => {
      const res = await timeline(String(id[20]), { limit });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { fields: [{ path: 'query.limit' }] } });
    },
  );

  it('GET /api/fans/:id/timeline – what the fan wrote, to support and not to growth', async () => {
    const res = await timeline(String(id[11]), {});
    expect(res.status).toBe(200);
    const { entries } = res.json as { entries: { kind: string; type?: string; text?: string }[] };
    expect(entries.filter((e) => e.kind === 'event').map((e) => [e.type, e.text])).toEqual([
      ['reply', 'again'],
      ['reaction', null],
      ['message', 'Hi, I am Anna, call me on 555-0101'],
    ]);
    const refused = await callRoute(getTimeline, `/api/fans/${id[11]}/timeline`, {
      params: { id: String(id[11]) },
      cookie: growth,
    });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.json)).not.toContain('555-0101');
  });

  it('GET /api/fans/:id/timeline – an unknown fan is 404, a bad id 400', async () => {
    expect((await timeline('999999', {})).status).toBe(404);
    expect((await timeline('x', {})).json).toMatchObject({
      error: { fields: [{ path: 'params.id' }] },
    });
  });
});

describe('GET /api/fans/:id/export', () => {
  const get = (fan: string, cookie = support) =>
    callRoute(exportFan, `/api/fans/${fan}/export`, { params: { id: fan }, cookie });

  it('GET /api/fans/:id/export – a JSON download', async () => {
    const res = await get(String(id[12]));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="fan-${id[12]}-export.json"`,
    );
    expect(res.json).toMatchObject({ fan: { id: id[12], username: 'annabel' } });
  });

  it('GET /api/fans/:id/export – refusals', async () => {
    expect((await get('abc')).status).toBe(400);
    expect((await get('999999')).status).toBe(404);
    expect((await get(String(id[12]), growth)).status).toBe(403);
  });
});
