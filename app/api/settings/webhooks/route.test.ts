import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, Sql } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { callRoute, sessionCookie } from '@/lib/api/testing/call-route';
import { changedTables, snapshotTables } from '@/lib/api/testing/db-snapshot';
import { createUser } from '@/lib/auth/users';
import type { WebhookSecretIssued, WebhookSettings } from '@/lib/webhooks/types';
import { POST as revoke } from './[id]/revoke/route';
import { POST as rotate } from './[id]/rotate/route';
import { GET, POST } from './route';

// Settings → Purchase webhooks, through its routes: add (the secret answered once, stored
// only encrypted), rotate with an overlap, revoke; each audited without the secret.

const appSecret = 'settings-test-app-secret-settings-test-app-secret';
let db: Database;
let pg: Sql;
let admin = '';
let adminId = 0;

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  pg = test.sql;
  process.env.DATABASE_URL = test.url;
  process.env.APP_SECRET = appSecret;
  const user = await createUser(db, {
    email: 'root@x.test',
    name: 'Root',
    password: 'long enough pass',
    role: 'admin',
  });
  adminId = user.id;
  admin = await sessionCookie(user);
});

const add = (name: unknown) =>
  callRoute(POST, '/api/settings/webhooks', { method: 'POST', json: { name }, cookie: admin });
const list = async () =>
  (await callRoute(GET, '/api/settings/webhooks', { cookie: admin })).json as WebhookSettings;
const rotateSource = (id: number, json: unknown = {}) =>
  callRoute(rotate, `/api/settings/webhooks/${id}/rotate`, {
    method: 'POST',
    params: { id: String(id) },
    json,
    cookie: admin,
  });
const revokeSource = (id: number) =>
  callRoute(revoke, `/api/settings/webhooks/${id}/revoke`, {
    method: 'POST',
    params: { id: String(id) },
    cookie: admin,
  });

async function auditsOf(id: number) {
  return db.execute<{ action: string; actor_user_id: number; after: Record<string, unknown> }>(
    sql`select action, actor_user_id, after from audit_log
      where entity = 'webhook_source' and entity_id = ${String(id)} order by id`,
  );
}

describe('/api/settings/webhooks', () => {
  it('adds a source and answers its secret once; only its ciphertext is stored', async () => {
    const res = await add('  Main shop ');
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { source, secret } = res.json as WebhookSecretIssued;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(source).toMatchObject({ name: 'Main shop', createdBy: 'Root', revokedAt: null });
    expect(source.secrets).toEqual([expect.objectContaining({ state: 'valid', validUntil: null })]);

    const [stored] = await db.execute<{ ciphertext: Buffer }>(
      sql`select ciphertext from webhook_secrets where source_id = ${source.id}`,
    );
    const readable = [stored!.ciphertext.toString('utf8'), stored!.ciphertext.toString('latin1')];
    for (const text of readable) expect(text).not.toContain(secret.slice(6, 20));
    expect(stored!.ciphertext.includes(Buffer.from(secret.slice(6)))).toBe(false);
    const everything = await pg.unsafe(
      `select string_agg(t::text, '|') as all from webhook_sources t`,
    );
    expect(JSON.stringify(everything)).not.toContain(secret);

    const listed = await list();
    expect(listed.configured).toBe(true);
    expect(listed.sources.map((s) => s.name)).toContain('Main shop');
    expect(JSON.stringify(listed)).not.toContain(secret);

    expect(await auditsOf(source.id)).toEqual([
      { action: 'webhook_source.create', actor_user_id: adminId, after: { name: 'Main shop' } },
    ]);
    const [auditText] = await db.execute<{ all: string }>(
      sql`select string_agg(t::text, '|') as all from audit_log t`,
    );
    expect(auditText!.all).not.toContain(secret);
  });

  it('refuses a name taken in any case, revoked sources included, and a bad name', async () => {
    const before = await snapshotTables(pg);
    const taken = await add('MAIN SHOP');
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({
      error: { code: 'duplicate_name', fields: [{ path: 'name', code: 'duplicate_name' }] },
    });
    const empty = await add('   ');
    expect(empty.status).toBe(400);
    expect(empty.json).toMatchObject({
      error: { code: 'invalid', fields: [{ path: 'body.name' }] },
    });
    expect(changedTables(before, await snapshotTables(pg))).toEqual([]);
  });

  it('rotates with a 24-hour overlap by default, or the one chosen, answering the new secret once', async () => {
    const { source, secret: first } = (await add('Rotating')).json as WebhookSecretIssued;
    const res = await rotateSource(source.id);
    expect(res.status, res.text).toBe(200);
    const { source: rotated, secret } = res.json as WebhookSecretIssued;
    expect(secret).not.toBe(first);
    expect(rotated.secrets.map((s) => s.state)).toEqual(['valid', 'ending']);
    const ends = Date.parse(rotated.secrets[1]!.validUntil!);
    expect(Math.abs(ends - (Date.now() + 24 * 3_600_000))).toBeLessThan(60_000);

    // A shorter overlap shortens what still signs; it never lengthens it.
    const again = (await rotateSource(source.id, { overlapHours: 1 })).json as WebhookSecretIssued;
    expect(again.source.secrets.map((s) => s.state)).toEqual(['valid', 'ending', 'ending']);
    const untils = again.source.secrets.slice(1).map((s) => Date.parse(s.validUntil!));
    for (const until of untils)
      expect(Math.abs(until - (Date.now() + 3_600_000))).toBeLessThan(60_000);
    const now = (await rotateSource(source.id, { overlapHours: 0 })).json as WebhookSecretIssued;
    expect(now.source.secrets.map((s) => s.state)).toEqual(['valid', 'ended', 'ended', 'ended']);

    const audits = await auditsOf(source.id);
    expect(audits.map((a) => [a.action, a.after.overlapHours])).toEqual([
      ['webhook_source.create', undefined],
      ['webhook_source.rotate', 24],
      ['webhook_source.rotate', 1],
      ['webhook_source.rotate', 0],
    ]);
    expect(JSON.stringify(audits)).not.toContain(secret);
  });

  it('refuses a bad overlap, changing nothing', async () => {
    const { source } = (await add('Overlaps')).json as WebhookSecretIssued;
    const before = await snapshotTables(pg);
    for (const overlapHours of [-1, 1.5, 721, '24', null]) {
      const res = await rotateSource(source.id, { overlapHours });
      expect(res.status, JSON.stringify(overlapHours)).toBe(400);
      expect(res.json).toMatchObject({ error: { fields: [{ path: 'body.overlapHours' }] } });
    }
    expect((await rotateSource(987_654)).status).toBe(404);
    expect(changedTables(before, await snapshotTables(pg))).toEqual([]);
  });

  it('revokes (audited once), then refuses to rotate the revoked source', async () => {
    const { source } = (await add('Leaving')).json as WebhookSecretIssued;
    const res = await revokeSource(source.id);
    expect(res.status, res.text).toBe(200);
    const revoked = (res.json as { source: WebhookSecretIssued['source'] }).source;
    expect(revoked.revokedAt).not.toBeNull();
    const before = await snapshotTables(pg);
    expect((await revokeSource(source.id)).status).toBe(200);
    const refused = await rotateSource(source.id);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ error: { code: 'revoked' } });
    expect(changedTables(before, await snapshotTables(pg))).toEqual([]);
    expect((await auditsOf(source.id)).map((a) => a.action)).toEqual([
      'webhook_source.create',
      'webhook_source.revoke',
    ]);
    // Revoked sources are listed last.
    expect((await list()).sources.at(-1)!.name).toBe('Leaving');
  });

  it('without APP_SECRET says so and stores nothing', async () => {
    delete process.env.APP_SECRET;
    try {
      const before = await snapshotTables(pg);
      expect((await list()).configured).toBe(false);
      const res = await add('Unconfigured');
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ error: { code: 'not_configured' } });
      expect(changedTables(before, await snapshotTables(pg))).toEqual([]);
    } finally {
      process.env.APP_SECRET = appSecret;
    }
  });
});
