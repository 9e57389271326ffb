import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { maxAuthBodyBytes, withAuthBodyCap } from './auth-body-cap';

const seen: string[] = [];
const handler = withAuthBodyCap(async (request: NextRequest) => {
  seen.push(await request.text());
  return new Response('ok');
});

const post = (body: string, headers: Record<string, string> = {}) =>
  handler(
    new NextRequest('http://127.0.0.1:3000/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    }),
    {},
  );

describe('POST /api/auth/* body cap', () => {
  it('passes a sign-in form through as it was', async () => {
    const form = 'csrfToken=abc&email=kim%40x.test&password=secret&json=true';
    expect((await post(form)).status).toBe(200);
    expect(seen.at(-1)).toBe(form);
  });

  it('POST /api/auth/callback/credentials – a body past the cap is refused (413) before next-auth reads it', async () => {
    const before = seen.length;
    const huge = `email=a&password=${'x'.repeat(maxAuthBodyBytes)}`;
    const response = await post(huge);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    // A declared length past the cap is refused without reading.
    expect(
      (await post('email=a', { 'content-length': String(10 * maxAuthBodyBytes) })).status,
    ).toBe(413);
    expect(seen).toHaveLength(before);
  });
});
