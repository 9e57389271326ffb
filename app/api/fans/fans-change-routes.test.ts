import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { useTestDb } from '@/db/testing/test-db';
import { createUser } from '@/lib/auth/users';
import { callRoute, sessionCookie, type CallOptions } from '@/lib/api/testing/call-route';
import { seedFans, type FanIds } from '@/lib/fans/testing/fixture';
import { POST as erase } from './[id]/erase/route';
import { DELETE as untag } from './[id]/tags/[tagId]/route';
import { POST as tag } from './[id]/tags/route';

// The fan lookup's changes (tags, erasure), called as Next calls them: every refusal with
// its code, status and field, and nothing written; every change audited.

let db: Database, id: FanIds;
let support = '';
let growth = '';
let supportId = 0;

beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  ({ id } = await seedFans(db));
  const user = (email: string, role: 'support' | 'growth') =>
    createUser(db, { email, name: role, password: 'long-enough-pass', role });
  const sup = await user('sup@x.test', 'support');
  supportId = sup.id;
  support = await sessionCookie(sup);
  growth = await sessionCookie(await user('gro@x.test', 'growth'));
});

/** What a refused change must leave as it was. */
const state = () =>
  db.execute(sql`select
    (select count(*)::int from tags) as tags,
    (select count(*)::int from fan_tags) as fan_tags,
    (select count(*)::int from audit_log) as audits,
    (select count(*)::int from fans where erased_at is not null) as erased`);

const addTag = (fan: string, options: CallOptions) =>
  callRoute(tag, `/api/fans/${fan}/tags`, {
    method: 'POST',
    params: { id: fan },
    cookie: support,
    ...options,
  });

describe('POST /api/fans/:id/tags', () => {
  it('POST /api/fans/:id/tags – tags the fan, audited with the acting user', async () => {
    const res = await addTag(String(id[13]), { json: { name: '  Follow   up ' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      tag: { name: 'Follow up' },
      added: true,
      tags: [{ name: 'Follow up' }],
    });
    const audits = await db.execute(sql`select actor_user_id, action, entity, entity_id, after
      from audit_log where action = 'fan.tag.add'`);
    expect(audits).toEqual([
      {
        actor_user_id: supportId,
        action: 'fan.tag.add',
        entity: 'fan',
        entity_id: String(id[13]),
        after: { tag: { id: expect.any(Number), name: 'Follow up' } },
      },
    ]);
  });

  // A C1 control (U+0080–U+009F) was accepted and written before: the old check stopped at U+007F.
  it.each([
    ['a C1 control (NEL)', 'vip\u0085', 'control_character'],
    ['a C1 control (CSI)', 'v\u009bip', 'control_character'],
    ['a NUL', 'v\u0000ip', 'control_character'],
    ['a line break', 'vip\nbuyer', 'control_character'],
    ['a lone surrogate', 'vip\udc00', 'invalid_unicode'],
    ['only spaces', '   ', 'too_small'],
    ['49 characters', 'x'.repeat(49), 'too_big'],
    ['a number', 42, 'invalid_type'],
  ])('POST /api/fans/:id/tags – a name with %s – 400 body.name', async (_, name, code) => {
    const before = await state();
    const res = await addTag(String(id[12]), { json: { name } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: {
        code: 'invalid',
        fields: [{ path: 'body.name', code, ...(code === 'too_big' ? { maximum: 48 } : {}) }],
      },
    });
    expect(await state()).toEqual(before);
  });

  it('POST /api/fans/:id/tags – other refusals change nothing', async () => {
    const before = await state();
    const cases: [CallOptions & { fan?: string }, number, string][] = [
      [{ json: { name: 'x', extra: 1 } }, 400, 'invalid'],
      [{ json: {} }, 400, 'invalid'],
      [{ raw: 'name=x', contentType: 'text/plain' }, 415, 'unsupported_media_type'],
      [{ raw: '{"name":', contentType: 'application/json' }, 400, 'invalid_json'],
      [{ fan: 'abc', json: { name: 'x' } }, 400, 'invalid'],
      [{ fan: '999999', json: { name: 'x' } }, 404, 'not_found'],
      [{ json: { name: 'x' }, cookie: growth }, 403, 'forbidden'],
      [{ json: { name: 'x' }, headers: { origin: 'https://evil.example' } }, 403, 'forbidden'],
    ];
    for (const [{ fan = String(id[12]), ...options }, status, code] of cases) {
      const res = await addTag(fan, options);
      expect([res.status, res.json], JSON.stringify(options)).toMatchObject([
        status,
        { error: { code } },
      ]);
    }
    expect(await state()).toEqual(before);
  });
});

describe('DELETE /api/fans/:id/tags/:tagId', () => {
  const remove = (fan: string, tagId: string, cookie = support) =>
    callRoute(untag, `/api/fans/${fan}/tags/${tagId}`, {
      method: 'DELETE',
      params: { id: fan, tagId },
      cookie,
    });

  it('DELETE /api/fans/:id/tags/:tagId – takes the tag off, audited', async () => {
    const added = (await addTag(String(id[14]), { json: { name: 'To remove' } })).json as {
      tag: { id: number };
    };
    const res = await remove(String(id[14]), String(added.tag.id));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ removed: true, tags: [] });
    const [audit] = await db.execute(sql`select actor_user_id, entity_id, before
      from audit_log where action = 'fan.tag.remove'`);
    expect(audit).toEqual({
      actor_user_id: supportId,
      entity_id: String(id[14]),
      before: { tag: { id: added.tag.id, name: 'To remove' } },
    });
  });

  it.each([
    ['a bad tag id', () => String(id[14]), 'x', 400, 'params.tagId'],
    ['a tag id beyond bigint', () => String(id[14]), '99999999999999999999', 400, 'params.tagId'],
    ['tag id 0', () => String(id[14]), '0', 400, 'params.tagId'],
    ['a bad fan id', () => '-1', '1', 400, 'params.id'],
  ])('DELETE /api/fans/:id/tags/:tagId – %s', async (_, fan, tagId, status, path) => {
    const res = await remove(fan(), tagId);
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error: { code: 'invalid', fields: [{ path }] } });
  });

  it('DELETE /api/fans/:id/tags/:tagId – unknown fan 404, a role without lookup 403', async () => {
    expect((await remove('999999', '1')).json).toMatchObject({ error: { code: 'not_found' } });
    expect((await remove(String(id[14]), '1', growth)).status).toBe(403);
  });
});

describe('POST /api/fans/:id/erase', () => {
  const post = (fan: string, options: CallOptions) =>
    callRoute(erase, `/api/fans/${fan}/erase`, {
      method: 'POST',
      params: { id: fan },
      cookie: support,
      ...options,
    });

  it('POST /api/fans/:id/erase – refusals change nothing', async () => {
    const before = await state();
    const fan = String(id[15]);
    const mismatch = await post(fan, { json: { confirm: 'yes' } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json).toMatchObject({
      error: {
        code: 'confirm_mismatch',
        fields: [{ path: 'body.confirm', code: 'confirm_mismatch', expected: `#${fan}` }],
      },
    });
    const cases: [string, CallOptions, number, string][] = [
      [fan, { json: {} }, 400, 'invalid'],
      [fan, { json: { confirm: 15 } }, 400, 'invalid'],
      [fan, { json: { confirm: `#${fan}`, also: 1 } }, 400, 'invalid'],
      [fan, { json: { confirm: 'x'.repeat(41) } }, 400, 'invalid'],
      [fan, {}, 415, 'unsupported_media_type'],
      ['999999', { json: { confirm: '#999999' } }, 404, 'not_found'],
      ['0', { json: { confirm: '#0' } }, 400, 'invalid'],
      [fan, { json: { confirm: `#${fan}` }, cookie: growth }, 403, 'forbidden'],
    ];
    for (const [target, options, status, code] of cases) {
      const res = await post(target, options);
      expect([res.status, res.json], JSON.stringify(options)).toMatchObject([
        status,
        { error: { code } },
      ]);
    }
    expect(await state()).toEqual(before);
  });

  it('POST /api/fans/:id/erase – erases once, audited; again changes nothing; no tags after', async () => {
    const fan = String(id[15]);
    const first = await post(fan, { json: { confirm: ` #${fan} ` } });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ erased: true, erasedAt: expect.any(String) });
    const again = await post(fan, { json: { confirm: `#${fan}` } });
    expect(again.json).toEqual({
      erased: false,
      erasedAt: (first.json as { erasedAt: string }).erasedAt,
    });
    const audits = await db.execute(sql`select actor_user_id, entity_id from audit_log
      where action = 'fan.erase'`);
    expect(audits).toEqual([{ actor_user_id: supportId, entity_id: fan }]);
    const tagged = await addTag(fan, { json: { name: 'after' } });
    expect([tagged.status, tagged.json]).toMatchObject([409, { error: { code: 'erased' } }]);
  });
});
