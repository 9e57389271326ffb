import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute, sessionCookie } from '@/lib/api/testing/call-route';
import { createUser } from '@/lib/auth/users';
import { ingestBatch } from '@/lib/ingest';
import { GET as timeZones } from '../../../settings/time-zones/route';
import { PATCH } from './route';

let sql: Sql;
let communityId = 0;
let adminCookie = '';
let growthCookie = '';

beforeAll(async () => {
  const test = await useTestDb();
  sql = test.sql;
  process.env.DATABASE_URL = test.url;
  const password = 'long enough pass';
  const admin = await createUser(test.db, {
    email: 'a@x.test',
    name: 'A',
    password,
    role: 'admin',
  });
  const growth = await createUser(test.db, {
    email: 'g@x.test',
    name: 'G',
    password,
    role: 'growth',
  });
  adminCookie = await sessionCookie(admin);
  growthCookie = await sessionCookie(growth);
  await ingestBatch(test.db, [
    { kind: 'community', telegramId: -1005, type: 'supergroup', title: 'Route' },
  ]);
  communityId = (await sql<{ id: number }[]>`select id from communities`)[0]!.id;
});

const patch = (json: unknown, cookie = adminCookie, id = String(communityId)) =>
  callRoute(PATCH, `/api/communities/${id}/time-zone`, {
    method: 'PATCH',
    params: { id },
    json,
    cookie,
  });

describe('PATCH /api/communities/:id/time-zone', () => {
  it('refuses a zone Postgres does not know, with its code and field', async () => {
    const res = await patch({ timeZone: 'Mars/Olympus_Mons' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: {
        code: 'unknown_time_zone',
        fields: [{ path: 'timeZone', code: 'unknown_time_zone' }],
      },
    });
    const malformed = await patch({ timeZone: 'Asia Shanghai' });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({
      error: { code: 'invalid', fields: [{ path: 'body.timeZone' }] },
    });
    expect(await sql`select time_zone from communities`).toEqual([{ time_zone: 'UTC' }]);
  });

  it('answers 404 for an unknown community and 403 for a role without settings', async () => {
    const missing = await patch({ timeZone: 'UTC' }, adminCookie, '987654');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: 'not_found' } });
    expect((await patch({ timeZone: 'Asia/Tokyo' }, growthCookie)).status).toBe(403);
  });

  it('does nothing for the zone the community has', async () => {
    const res = await patch({ timeZone: 'UTC' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      community: { id: communityId, title: 'Route', timeZone: 'UTC' },
      before: 'UTC',
      changed: false,
      fanDays: 0,
      queuedFans: 0,
    });
  });

  it('changes the zone and says how much it recounted and queued', async () => {
    const res = await patch({ timeZone: 'asia/tokyo' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      community: { id: communityId, timeZone: 'Asia/Tokyo' },
      before: 'UTC',
      changed: true,
    });
  });
});

describe('GET /api/settings/time-zones', () => {
  it('lists the zones the server accepts, with their offsets now', async () => {
    const res = await callRoute(timeZones, '/api/settings/time-zones', { cookie: adminCookie });
    expect(res.status).toBe(200);
    const { zones } = res.json as { zones: { name: string; offsetSeconds: number }[] };
    expect(zones).toContainEqual({ name: 'Asia/Shanghai', offsetSeconds: 28_800 });
    expect(zones.map((z) => z.name)).toContain('UTC');
  });
});
