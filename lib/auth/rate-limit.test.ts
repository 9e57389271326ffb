import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { signInAttempts } from '../../db/schema/accounts';
import { useTestDb } from '../../db/testing/test-db';
import { attemptSignIn, clientIp, signInLimits } from './rate-limit';
import { createUser } from './users';

const password = 'the right password';
const minutes = (n: number) => n * 60_000;

describe('sign-in rate limit', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    for (const email of ['eve@example.com', 'fay@example.com', 'gus@example.com'])
      await createUser(db, { email, name: email, password, role: 'operator' });
  });

  it('refuses the 6th attempt after 5 failures, even with the right password, until the window passes', async () => {
    const t0 = new Date('2026-05-01T10:00:00Z');
    const at = (ms: number) => ({ now: new Date(t0.getTime() + ms) });
    for (let i = 0; i < signInLimits.failuresPerEmail; i++)
      expect(
        await attemptSignIn(
          db,
          { email: 'eve@example.com', password: 'wrong', ip: `10.0.0.${i}` },
          at(minutes(i)),
        ),
      ).toEqual({ ok: false, reason: 'invalid' });

    // Refused for any address and any case of the email; the first failure was at t0.
    const refused = await attemptSignIn(
      db,
      { email: 'EVE@example.com', password, ip: '10.9.9.9' },
      at(minutes(5)),
    );
    expect(refused).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 10 * 60 });

    // Another email is unaffected.
    expect(
      await attemptSignIn(
        db,
        { email: 'fay@example.com', password, ip: '10.0.0.1' },
        at(minutes(5)),
      ),
    ).toMatchObject({ ok: true, user: { email: 'fay@example.com' } });

    // Refused attempts are not counted: once t0's failure is 15 minutes old, one more try.
    expect(
      await attemptSignIn(
        db,
        { email: 'eve@example.com', password, ip: '10.9.9.9' },
        at(minutes(15) - 1000),
      ),
    ).toMatchObject({ reason: 'rate_limited', retryAfterSeconds: 1 });
    expect(
      await attemptSignIn(
        db,
        { email: 'eve@example.com', password, ip: '10.9.9.9' },
        at(minutes(15)),
      ),
    ).toMatchObject({ ok: true, user: { email: 'eve@example.com' } });
  });

  it('refuses an address after 20 failures across emails', async () => {
    const now = { now: new Date('2026-05-02T10:00:00Z') };
    const ip = '192.0.2.7';
    for (let i = 0; i < signInLimits.failuresPerIp; i++)
      await attemptSignIn(db, { email: `guess${i}@example.com`, password: 'x', ip }, now);
    expect(await attemptSignIn(db, { email: 'gus@example.com', password, ip }, now)).toMatchObject({
      reason: 'rate_limited',
    });
    expect(
      await attemptSignIn(db, { email: 'gus@example.com', password, ip: '192.0.2.8' }, now),
    ).toMatchObject({ ok: true });
  });

  it('checks at most 5 passwords for one email however many attempts arrive at once', async () => {
    const now = { now: new Date('2026-05-03T10:00:00Z') };
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        attemptSignIn(
          db,
          { email: 'burst@example.com', password: 'x', ip: `198.51.100.${i}` },
          now,
        ),
      ),
    );
    const reasons = results.map((r) => (r.ok ? 'ok' : r.reason));
    expect(reasons.filter((r) => r === 'invalid')).toHaveLength(signInLimits.failuresPerEmail);
    expect(reasons.filter((r) => r === 'rate_limited')).toHaveLength(
      30 - signInLimits.failuresPerEmail,
    );
  });

  it('records every checked attempt, successes included', async () => {
    const rows = await db
      .select({ succeeded: signInAttempts.succeeded })
      .from(signInAttempts)
      .where(sql`${signInAttempts.emailLower} = 'fay@example.com'`);
    expect(rows).toEqual([{ succeeded: true }]);
  });

  it('takes the address the nearest proxy saw', () => {
    expect(clientIp({ 'x-forwarded-for': '203.0.113.9, 10.0.0.2' })).toBe('10.0.0.2');
    expect(clientIp({ 'x-forwarded-for': ' 203.0.113.9 ' })).toBe('203.0.113.9');
    expect(clientIp({ 'x-real-ip': '203.0.113.10' })).toBe('203.0.113.10');
    expect(clientIp({})).toBe('unknown');
  });
});
