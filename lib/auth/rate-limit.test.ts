import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { signInAttempts } from '../../db/schema/accounts';
import { useTestDb } from '../../db/testing/test-db';
import { configureHashing, hashingLoad } from './passwords';
import { attemptSignIn, signInLimits } from './rate-limit';
import { createUser } from './users';

const password = 'the right password';
const minutes = (n: number) => n * 60_000;
const attemptRows = async (db: Database) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(signInAttempts))[0]!.n;

describe('sign-in rate limit', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    for (const email of [
      'eve@example.com',
      'fay@example.com',
      'gus@example.com',
      'adm@example.com',
    ])
      await createUser(db, { email, name: email, password, role: 'operator' });
  });
  afterEach(() => configureHashing({ concurrent: 4, queued: 32 }));

  it('refuses the 6th attempt of one email from one address after 5 failures, even with the right password, until the window passes', async () => {
    const t0 = new Date('2026-05-01T10:00:00Z');
    const at = (ms: number) => ({ now: new Date(t0.getTime() + ms) });
    const ip = '10.0.0.1';
    for (let i = 0; i < signInLimits.failuresPerPair; i++)
      expect(
        await attemptSignIn(
          db,
          { email: 'eve@example.com', password: 'wrong', ip },
          at(minutes(i)),
        ),
      ).toEqual({ ok: false, reason: 'invalid' });

    // Refused for any case of the email; the first failure was at t0.
    const refused = await attemptSignIn(
      db,
      { email: 'EVE@example.com', password, ip },
      at(minutes(5)),
    );
    expect(refused).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 10 * 60 });
    // Another email from the same address is unaffected (below the address's limit).
    expect(
      await attemptSignIn(db, { email: 'fay@example.com', password, ip }, at(minutes(5))),
    ).toMatchObject({ ok: true, user: { email: 'fay@example.com' } });

    // Refused attempts are not counted: once t0's failure is 15 minutes old, one more try.
    expect(
      await attemptSignIn(db, { email: 'eve@example.com', password, ip }, at(minutes(15) - 1000)),
    ).toMatchObject({ reason: 'rate_limited', retryAfterSeconds: 1 });
    expect(
      await attemptSignIn(db, { email: 'eve@example.com', password, ip }, at(minutes(15))),
    ).toMatchObject({ ok: true, user: { email: 'eve@example.com' } });
  });

  it('a stranger failing on purpose cannot lock the owner out: the right password from another address works', async () => {
    const now = { now: new Date('2026-05-04T10:00:00Z') };
    const stranger = '198.51.100.66';
    for (let i = 0; i < 30; i++)
      await attemptSignIn(
        db,
        { email: 'adm@example.com', password: `guess ${i}`, ip: stranger },
        now,
      );
    // The stranger's address is refused, even with the right password...
    expect(
      await attemptSignIn(db, { email: 'adm@example.com', password, ip: stranger }, now),
    ).toMatchObject({ reason: 'rate_limited' });
    // ...while the owner, from a new address, signs in, and a wrong password there is just wrong.
    const owner = '203.0.113.7';
    expect(
      await attemptSignIn(db, { email: 'adm@example.com', password: 'typo', ip: owner }, now),
    ).toEqual({ ok: false, reason: 'invalid' });
    expect(
      await attemptSignIn(db, { email: 'adm@example.com', password, ip: owner }, now),
    ).toMatchObject({ ok: true, user: { email: 'adm@example.com' } });
  });

  it('refuses an address after 20 failures across emails', async () => {
    const now = { now: new Date('2026-05-02T10:00:00Z') };
    const ip = '192.0.2.7';
    for (let i = 0; i < signInLimits.failuresPerAddress; i++)
      await attemptSignIn(db, { email: `guess${i}@example.com`, password: 'x', ip }, now);
    expect(await attemptSignIn(db, { email: 'gus@example.com', password, ip }, now)).toMatchObject({
      reason: 'rate_limited',
    });
    expect(
      await attemptSignIn(db, { email: 'gus@example.com', password, ip: '192.0.2.8' }, now),
    ).toMatchObject({ ok: true });
  });

  it('checks at most 5 passwords for one email from one address however many attempts arrive at once', async () => {
    const now = { now: new Date('2026-05-03T10:00:00Z') };
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        attemptSignIn(db, { email: 'burst@example.com', password: 'x', ip: '198.51.100.9' }, now),
      ),
    );
    const reasons = results.map((r) => (r.ok ? 'ok' : r.reason));
    expect(reasons.filter((r) => r === 'invalid')).toHaveLength(signInLimits.failuresPerPair);
    expect(reasons.filter((r) => r === 'rate_limited')).toHaveLength(
      30 - signInLimits.failuresPerPair,
    );
  });

  it('refuses an over-long email or password before any query or hash', async () => {
    const rows = await attemptRows(db);
    const { started } = hashingLoad();
    const now = { now: new Date('2026-05-05T10:00:00Z') };
    for (const input of [
      { email: 'eve@example.com', password: 'x'.repeat(1001) },
      { email: 'eve@example.com', password: 'x'.repeat(1_000_000) },
      { email: `${'e'.repeat(250)}@example.com`, password },
    ])
      expect(await attemptSignIn(db, { ...input, ip: '192.0.2.99' }, now)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    expect(await attemptRows(db)).toBe(rows);
    expect(hashingLoad().started).toBe(started);
  });

  it('refuses as rate_limited, without counting a failure, when hashing is saturated', async () => {
    configureHashing({ concurrent: 1, queued: 1 });
    const now = { now: new Date('2026-05-06T10:00:00Z') };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        attemptSignIn(
          db,
          { email: `busy${i}@example.com`, password: 'x', ip: `192.0.2.${100 + i}` },
          now,
        ),
      ),
    );
    const reasons = results.map((r) => (r.ok ? 'ok' : r.reason));
    expect(reasons.filter((r) => r === 'rate_limited').length).toBeGreaterThan(0);
    expect(results.filter((r) => !r.ok && r.reason === 'rate_limited')).toEqual(
      results
        .filter((r) => !r.ok && r.reason === 'rate_limited')
        .map(() => ({ ok: false, reason: 'rate_limited', retryAfterSeconds: 5 })),
    );
    const failures = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(signInAttempts)
      .where(sql`${signInAttempts.emailLower} like 'busy%'`);
    expect(failures[0]!.n).toBe(reasons.filter((r) => r === 'invalid').length);
  });

  it('records every checked attempt, successes included', async () => {
    const rows = await db
      .select({ succeeded: signInAttempts.succeeded })
      .from(signInAttempts)
      .where(sql`${signInAttempts.emailLower} = 'fay@example.com'`);
    expect(rows).toEqual([{ succeeded: true }]);
  });
});
