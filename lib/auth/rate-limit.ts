import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { signInAttempts } from '../../db/schema/accounts';
import { verifyCredentials, type SessionUser } from './users';

// Sign-in against guessing. Every attempt is a row in sign_in_attempts, in Postgres so
// the limit holds across web processes. Within any 15 minutes, after 5 failures for one
// email or 20 from one IP address, further attempts are refused without looking at the
// password until enough of those failures are older than 15 minutes. Refused attempts are
// not counted (the lock ends 15 minutes after the failures, however often someone keeps
// knocking); successes are recorded and reset nothing.

export const signInLimits = {
  windowMs: 15 * 60_000,
  failuresPerEmail: 5,
  failuresPerIp: 20,
  /** Attempts older than this are deleted as new ones come in. */
  keepMs: 30 * 24 * 3_600_000,
} as const;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export interface SignInAttemptInput {
  email: string;
  password: string;
  /** The client's address as far as we can tell; 'unknown' when we cannot. */
  ip: string;
}

/**
 * Checks a sign-in against the limits and, if allowed, the credentials. Under a lock per
 * email and per address, the recent failures are counted and the attempt is written as a
 * failure before its password is checked (and marked a success after), so attempts made
 * at the same moment count against each other: no more passwords are checked per window
 * than the limit allows, however many requests arrive at once.
 */
export async function attemptSignIn(
  db: Database,
  { email, password, ip }: SignInAttemptInput,
  { now = new Date() }: { now?: Date } = {},
): Promise<SignInResult> {
  const emailLower = email.trim().toLowerCase().slice(0, 320);
  const clientIp = ip.slice(0, 100) || 'unknown';
  const windowStart = new Date(now.getTime() - signInLimits.windowMs);

  const admitted = await db.transaction(
    async (tx): Promise<{ refusedUntil: number } | { attemptId: number }> => {
      // Email first, then address: one order for everyone, so two attempts never deadlock.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`sign-in:email:${emailLower}`}))`,
      );
      if (clientIp !== 'unknown')
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:ip:${clientIp}`}))`);

      // When the failures in the window drop below `limit`: the limit-th newest failure's
      // time plus the window. Null while fewer than `limit` failures are in the window.
      const releasedAt = async (
        column: typeof signInAttempts.emailLower | typeof signInAttempts.ip,
        value: string,
        limit: number,
      ) => {
        const [row] = await tx
          .select({ at: signInAttempts.at })
          .from(signInAttempts)
          .where(
            and(
              eq(column, value),
              sql`not ${signInAttempts.succeeded}`,
              gt(signInAttempts.at, windowStart),
            ),
          )
          .orderBy(sql`${signInAttempts.at} desc`)
          .offset(limit - 1)
          .limit(1);
        return row ? row.at.getTime() + signInLimits.windowMs : null;
      };
      const byEmail = await releasedAt(
        signInAttempts.emailLower,
        emailLower,
        signInLimits.failuresPerEmail,
      );
      const byIp =
        clientIp === 'unknown'
          ? null
          : await releasedAt(signInAttempts.ip, clientIp, signInLimits.failuresPerIp);
      if (byEmail !== null || byIp !== null)
        return { refusedUntil: Math.max(byEmail ?? 0, byIp ?? 0) };

      const [attempt] = await tx
        .insert(signInAttempts)
        .values({ emailLower, ip: clientIp, at: now, succeeded: false })
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

  const user = await verifyCredentials(db, emailLower, password);
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

/**
 * The client's address from the proxy headers: the last X-Forwarded-For entry (the one
 * the nearest proxy added; earlier ones are whatever the client claimed), else X-Real-IP.
 */
export function clientIp(headers: Record<string, string | string[] | undefined>): string {
  const first = (value: string | string[] | undefined) =>
    Array.isArray(value) ? value.at(-1) : value;
  const forwarded = first(headers['x-forwarded-for'])
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  return forwarded || first(headers['x-real-ip'])?.trim() || 'unknown';
}
