import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { GET } from '../../app/api/audit/route';
import { callRoute, sessionCookie } from '../api/testing/call-route';
import { createUser } from '../auth/users';
import { listAudit } from './queries';
import { recordAudit } from './record-audit';

let db: Database;
let admin: { id: number; role: 'admin' };
let growth: { id: number; role: 'growth' };

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  const a = await createUser(db, {
    email: 'a@x.test',
    name: 'Ada',
    password: 'long-enough-pass',
    role: 'admin',
  });
  const g = await createUser(db, {
    email: 'g@x.test',
    name: 'Gus',
    password: 'long-enough-pass',
    role: 'growth',
  });
  admin = { id: a.id, role: 'admin' };
  growth = { id: g.id, role: 'growth' };
  for (let i = 0; i < 7; i++)
    await recordAudit(db, {
      actorUserId: i % 2 ? admin.id : growth.id,
      action: i % 3 ? 'segment.save' : 'rule_set.publish',
      entity: 'thing',
      entityId: i === 5 ? '=HYPERLINK("http://x","y")' : i,
      after: { n: i },
    });
});

describe('listAudit', () => {
  it('pages newest first by keyset without repeats or gaps', async () => {
    const first = await listAudit(db, { limit: 3 });
    const second = await listAudit(db, { limit: 3, after: first.nextCursor! });
    const third = await listAudit(db, { limit: 3, after: second.nextCursor! });
    const ids = [...first.entries, ...second.entries, ...third.entries].map((e) => e.id);
    const all = (await listAudit(db, { limit: 100 })).entries.map((e) => e.id);
    expect(ids).toEqual(all);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(third.nextCursor).toBeNull();
  });

  it('filters by person, action and time', async () => {
    const byAdmin = await listAudit(db, { actor: admin.id });
    expect(byAdmin.entries.every((e) => e.actor?.id === admin.id)).toBe(true);
    expect(byAdmin.entries).toHaveLength(3);
    const publishes = await listAudit(db, { action: 'rule_set.publish' });
    expect(publishes.entries.map((e) => e.entityId)).toEqual(['6', '3', '0']);
    const future = await listAudit(db, { from: new Date(Date.now() + 60_000) });
    expect(future.entries).toEqual([]);
  });
});

describe('GET /api/audit', () => {
  it('GET /api/audit – growth may not read the audit log', async () => {
    const res = await callRoute(GET, '/api/audit', { cookie: await sessionCookie(growth) });
    expect(res.status).toBe(403);
  });

  it('GET /api/audit – a page with who did it', async () => {
    const res = await callRoute(GET, '/api/audit', {
      cookie: await sessionCookie(admin),
      query: { action: 'segment.save', limit: '2' },
    });
    expect(res.status).toBe(200);
    const body = res.json as { entries: { actor: { name: string } }[]; nextCursor: number };
    expect(body.entries).toHaveLength(2);
    expect(body.nextCursor).toEqual(expect.any(Number));
  });

  it('GET /api/audit – a cursor that is not an id is refused', async () => {
    const res = await callRoute(GET, '/api/audit', {
      cookie: await sessionCookie(admin),
      query: { after: '2026-02-30' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { fields: [{ path: 'query.after' }] } });
  });

  it('GET /api/audit?format=csv – every row, formulas as text, the download audited', async () => {
    const rows = (await listAudit(db, { limit: 500 })).entries.length;
    const res = await callRoute(GET, '/api/audit', {
      cookie: await sessionCookie(admin),
      query: { format: 'csv' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('id,at,actor,action,entity,entity_id,before,after');
    expect(lines).toHaveLength(rows + 1);
    expect(res.text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    const exports = await listAudit(db, { action: 'audit.export' });
    expect(exports.entries[0]).toMatchObject({ actor: { id: admin.id } });
  });
});
