import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { signInAttempts } from '../../db/schema/accounts';
import { HashingBusyError, maxPasswordLength } from './passwords';
import { verifyCredentials, type SessionUser } from './user-queries';
import { maxEmailLength } from './user-schemas';

// Sign-in against guessing. Every checked attempt is a row in sign_in_attempts, in Postgres
// so the limit holds across web processes. Within any 15 minutes, after 5 failures for one
// email from one address, or 20 failures from one address whatever the email, further
// attempts from there are refused without looking at the password until enough of those
// failures are older than 15 minutes. There is no limit by email alone: a stranger failing
// on purpose from elsewhere cannot lock the owner out (the right password from another
// address still works). Refused attempts are not counted; successes reset nothing.

export const signInLimits = {
  windowMs: 15 * 60_000,
  failuresPerPair: 5,
  failuresPerAddress: 20,
  /** Attempts older than this are deleted as new ones come in. */
  keepMs: 30 * 24 * 3_600_000,
  /** When hashing is busy: how long to wait before trying again. */
  busyRetrySeconds: 5,
} as const;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export interface SignInAttemptInput {
  email: string;
  password: string;
  /** The client's address (lib/auth/client-address.ts); 'unknown' when we cannot tell. */
  ip: string;
}

/**
 * Checks a sign-in against the limits and, if allowed, the credentials. Under a lock per
 * (email, address) and per address, the recent failures are counted and the attempt is
 * written as a failure before its password is checked (and marked a success after), so
 * attempts made at the same moment count against each other.
 */
export async function attemptSignIn(
  db: Database,
  { email, password, ip }: SignInAttemptInput,
  { now = new Date() }: { now?: Date } = {},
): Promise<SignInResult> {
  const emailLower = email.trim().toLowerCase();
  // Too long to be real: refused before any query or hash.
  if (emailLower.length > maxEmailLength || password.length > maxPasswordLength)
    return { ok: false, reason: 'invalid' };
  const address = ip.slice(0, 100) || 'unknown';
  const windowStart = new Date(now.getTime() - signInLimits.windowMs);

  const admitted = await db.transaction(
    async (tx): Promise<{ refusedUntil: number } | { attemptId: number }> => {
      // The pair first, then the address: one order for everyone, so no two deadlock.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`sign-in:pair:${emailLower}|${address}`}))`,
      );
      if (address !== 'unknown')
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:ip:${address}`}))`);

      // When the failures in the window drop below `limit`: the limit-th newest failure's
      // time plus the window. Null while fewer than `limit` failures are in the window.
      const releasedAt = async (where: ReturnType<typeof and>, limit: number) => {
        const [row] = await tx
          .select({ at: signInAttempts.at })
          .from(signInAttempts)
          .where(
            and(where, sql`not ${signInAttempts.succeeded}`, gt(signInAttempts.at, windowStart)),
          )
          .orderBy(sql`${signInAttempts.at} desc`)
          .offset(limit - 1)
          .limit(1);
        return row ? row.at.getTime() + signInLimits.windowMs : null;
      };
      const byPair = await releasedAt(
        and(eq(signInAttempts.emailLower, emailLower), eq(signInAttempts.ip, address)),
        signInLimits.failuresPerPair,
      );
      const byAddress =
        address === 'unknown'
          ? null
          : await releasedAt(eq(signInAttempts.ip, address), signInLimits.failuresPerAddress);
      if (byPair !== null || byAddress !== null)
        return { refusedUntil: Math.max(byPair ?? 0, byAddress ?? 0) };

      const [attempt] = await tx
        .insert(signInAttempts)
        .values({ emailLower, ip: address, at: now, succeeded: false })
        .returning({ id: signInAttempts.id });
      return { attemptId: attempt!.id };
    },
  );
  if ('refusedUntil' in admitted)
    return {
      ok: false,
      reason: 'rate_limited',
      retryAfterSeconds: Math.max(1, Math.ceil((admitted.refusedUntil - now.getTime()) / 1000)),
    };

  let user: SessionUser | null;
  try {
    user = await verifyCredentials(db, emailLower, password);
  } catch (error) {
    if (!(error instanceof HashingBusyError)) throw error;
    // Not checked, so not a failure: the attempt is forgotten.
    await db.delete(signInAttempts).where(eq(signInAttempts.id, admitted.attemptId));
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: signInLimits.busyRetrySeconds };
  }
  if (user)
    await db
      .update(signInAttempts)
      .set({ succeeded: true })
      .where(eq(signInAttempts.id, admitted.attemptId));
  await db
    .delete(signInAttempts)
    .where(lt(signInAttempts.at, new Date(now.getTime() - signInLimits.keepMs)));
  return user ? { ok: true, user } : { ok: false, reason: 'invalid' };
}
