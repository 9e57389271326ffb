import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestDb } from '../../db/testing/test-db';
import { createUser } from '../auth/users';
import { defineRoute } from './define-route';
import { ApiError } from './errors';
import { nameSchema } from './schemas';
import { callRoute, sessionCookie } from './testing/call-route';

let db: Awaited<ReturnType<typeof useTestDb>>['db'];

const seen: unknown[] = [];
const route = defineRoute(
  {
    permission: 'segments',
    params: z.object({ id: z.string().regex(/^\d+$/) }),
    body: z.object({ name: nameSchema(20) }),
  },
  async ({ body, params, user }) => {
    if (body.name === 'boom') throw new Error('database went away');
    if (body.name === 'taken') throw new ApiError({ code: 'conflict', message: 'Taken' });
    seen.push(body.name);
    return { ok: true, id: params.id, by: user.id };
  },
);

let operator = '';
let support = '';
beforeAll(async () => {
  const test = await useTestDb();
  db = test.db;
  process.env.DATABASE_URL = test.url;
  const a = await createUser(db, {
    email: 'op@x.test',
    name: 'Op',
    password: 'long-enough-pass',
    role: 'operator',
  });
  const b = await createUser(db, {
    email: 'sup@x.test',
    name: 'Sup',
    password: 'long-enough-pass',
    role: 'support',
  });
  operator = await sessionCookie(a);
  support = await sessionCookie(b);
});

const post = (options: Parameters<typeof callRoute>[2]) =>
  callRoute(route, '/api/thing/1', { method: 'POST', params: { id: '1' }, ...options });

describe('defineRoute', () => {
  it('runs the handler with the parsed input for an allowed role', async () => {
    const res = await post({ cookie: operator, json: { name: ' Ann ' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, id: '1' });
    expect(seen).toContain('Ann');
  });

  it('POST without a session – 401 in the one error shape', async () => {
    const res = await post({ json: { name: 'x' } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: 'unauthorized', message: 'Sign in first' } });
  });

  it('POST with a forged cookie – 401', async () => {
    const res = await post({ cookie: 'next-auth.session-token=garbage', json: { name: 'x' } });
    expect(res.status).toBe(401);
  });

  it('POST by a role without the permission – 403', async () => {
    const res = await post({ cookie: support, json: { name: 'x' } });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('POST from another site – 403, handler not run', async () => {
    const before = seen.length;
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const res = await post({ cookie: operator, json: { name: 'x' }, headers });
      expect(res.status).toBe(403);
    }
    expect(seen.length).toBe(before);
    const same = await post({
      cookie: operator,
      json: { name: 'same' },
      headers: { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
    });
    expect(same.status).toBe(200);
  });

  it('POST with a body that is not application/json – 415', async () => {
    const res = await post({ cookie: operator, raw: 'name=x', contentType: 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('POST with malformed JSON – 400 invalid_json', async () => {
    const res = await post({ cookie: operator, raw: '{"name":', contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('POST with a body over the cap – 413', async () => {
    const res = await post({ cookie: operator, json: { name: 'x'.repeat(70_000) } });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('POST with invalid fields – 400 with each field, its code and limit', async () => {
    const res = await post({ cookie: operator, json: { name: 'a\u0000b' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: {
        code: 'invalid',
        fields: [{ path: 'body.name', code: 'control_character' }],
      },
    });
    const long = await post({ cookie: operator, json: { name: 'x'.repeat(21) } });
    expect(long.json).toMatchObject({
      error: { fields: [{ path: 'body.name', code: 'too_big', maximum: 20 }] },
    });
  });

  it('POST with a malformed path segment – 400 naming params.id', async () => {
    const res = await callRoute(route, '/api/thing/x', {
      method: 'POST',
      params: { id: 'x' },
      cookie: operator,
      json: { name: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { fields: [{ path: 'params.id' }] } });
  });

  it('a refusal thrown by the handler keeps its code and status', async () => {
    const res = await post({ cookie: operator, json: { name: 'taken' } });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ error: { code: 'conflict', message: 'Taken' } });
  });

  it('a server failure – 500 with a reference that is in the log', async () => {
    const logged: string[] = [];
    const original = console.error;
    console.error = (line: string) => logged.push(line);
    try {
      const res = await post({ cookie: operator, json: { name: 'boom' } });
      expect(res.status).toBe(500);
      const ref = (res.json as { error: { code: string; ref: string } }).error.ref;
      expect(res.json).toMatchObject({ error: { code: 'internal' } });
      expect(ref).toMatch(/^[0-9a-f]{12}$/);
      expect(logged.join('\n')).toContain(ref);
      expect(logged.join('\n')).toContain('database went away');
    } finally {
      console.error = original;
    }
  });

  it('carries its contract for the generated bad-input test', () => {
    expect(route.contract.permission).toBe('segments');
  });
});
