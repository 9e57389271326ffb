import type { Database } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { maxPasswordLength } from './passwords';
import { attemptSignIn, type SignInResult } from './rate-limit';
import { maxEmailLength } from './user-schemas';

// A sign-in with email and password, as next-auth's authorize runs it (lib/auth/options.ts):
// the limits, the check, and an audit row for each checked attempt with the client's
// address (never the password). Attempts refused by the limits are not audited, so
// knocking on a locked door cannot flood the log; sign_in_attempts has them all.

export async function signInWithPassword(
  db: Database,
  { email, password, address }: { email: string; password: string; address: string },
): Promise<SignInResult> {
  const emailLower = email.trim().toLowerCase();
  if (!emailLower || !password) return { ok: false, reason: 'invalid' };
  if (emailLower.length > maxEmailLength || password.length > maxPasswordLength)
    return { ok: false, reason: 'invalid' };
  const result = await attemptSignIn(db, { email: emailLower, password, ip: address });
  if (result.ok)
    await recordAudit(db, {
      actorUserId: result.user.id,
      action: 'auth.sign_in',
      entity: 'user',
      entityId: result.user.id,
      after: { address },
    });
  else if (result.reason === 'invalid')
    await recordAudit(db, {
      actorUserId: null,
      action: 'auth.sign_in_failed',
      entity: 'user',
      after: { email: emailLower, address },
    });
  return result;
}
