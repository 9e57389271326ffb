import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Executor } from '../../db/client';
import { users } from '../../db/schema/accounts';
import { ApiError, fieldIssuesOf, summarizeIssues } from '../api/errors';
import { recordAudit } from '../audit/record-audit';
import { UserError } from './errors';
import { generatePassword, hashPassword } from './passwords';
import { attemptSignIn } from './rate-limit';
import { sessionColumns, toSessionUser, type SessionUser, type UserListing } from './user-queries';
import {
  newUserSchema,
  passwordChangeSchema,
  passwordResetSchema,
  userChangeSchema,
  type NewUser,
  type PasswordChange,
  type UserChange,
} from './user-schemas';

// Every change to an account, in one place: create, role, disable / enable, password set
// or reset, and ending a user's sessions. Each is validated here (the CLI calls these
// directly), refused whole with a UserError, or written whole with its audit row. Any
// change to who the person is or how they sign in raises their session version, which
// ends every session issued before (lib/auth/session.ts). Pure of Next.

export type { SessionUser, UserListing } from './user-queries';
export type { NewUser, PasswordChange, UserChange } from './user-schemas';

interface Actor {
  /** Who asked: an admin's id, the user's own, or null for a CLI or the system. */
  actorUserId?: number | null;
}

function parsed<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldIssuesOf(result.error);
  throw new UserError('invalid', `Invalid ${what}: ${summarizeIssues(fields)}`, fields);
}

const uniqueViolation = (error: unknown): boolean =>
  error instanceof Error &&
  ((error as { code?: string }).code === '23505' ||
    (error.cause as { code?: string } | undefined)?.code === '23505');

const listingColumns = { ...sessionColumns, disabled: users.disabled, createdAt: users.createdAt };

async function lockedUser(tx: Executor, id: number): Promise<UserListing> {
  const [user] = await tx.select(listingColumns).from(users).where(eq(users.id, id)).for('update');
  if (!user) throw new UserError('not_found', `No user with id ${id}`);
  return user;
}

/** Serialises changes to who is an active admin, so two at once cannot remove the last one. */
async function lockAdminChanges(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('users.active_admins'))`);
}

async function countActiveAdmins(tx: Executor): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.role} = 'admin' and not ${users.disabled}`);
  return row!.count;
}

/** Writes `set` and raises the session version: every earlier session of `id` ends. */
async function updateEndingSessions(
  tx: Executor,
  id: number,
  set: Partial<typeof users.$inferInsert> = {},
): Promise<UserListing> {
  const [user] = await tx
    .update(users)
    .set({ ...set, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .returning(listingColumns);
  return user!;
}

/**
 * Creates a user; the email is stored trimmed and lower-case and must be new in any case.
 * Audited without the password. Throws UserError `invalid` or `duplicate_email`.
 */
export async function createUser(
  db: Database,
  input: NewUser,
  { actorUserId = null }: Actor = {},
): Promise<UserListing> {
  const { email, name, password, role } = parsed(newUserSchema, input, 'user');
  const passwordHash = await hashPassword(password);
  const duplicate = () =>
    new UserError('duplicate_email', `A user with the email ${email} already exists`, [
      { path: 'email', code: 'duplicate_email', message: 'is taken' },
    ]);
  try {
    return await db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`);
      if (taken) throw duplicate();
      const [user] = await tx
        .insert(users)
        .values({ email, name, passwordHash, role })
        .returning(listingColumns);
      await recordAudit(tx, {
        actorUserId,
        action: 'user.create',
        entity: 'user',
        entityId: user!.id,
        after: { email, name, role },
      });
      return user!;
    });
  } catch (error) {
    // Two creations of one email at once: the unique index refuses the second.
    if (uniqueViolation(error)) throw duplicate();
    throw error;
  }
}

/**
 * Gives a user another role, or disables / re-enables them; either ends their sessions.
 * Refuses an admin disabling themselves and leaving no active admin, under one lock so two
 * admins at once cannot both pass. Asking for what already is changes nothing.
 */
export async function changeUser(
  db: Database,
  id: number,
  input: UserChange,
  { actorUserId = null }: Actor = {},
): Promise<UserListing> {
  const change = parsed(userChangeSchema, input, 'change');
  return db.transaction(async (tx) => {
    await lockAdminChanges(tx);
    const target = await lockedUser(tx, id);
    const activeAdmin = target.role === 'admin' && !target.disabled;
    const lastAdmin = () =>
      new UserError(
        'last_admin',
        `User ${id} is the last active admin: make another user an admin first`,
      );
    if (change.role !== undefined) {
      if (change.role === target.role) return target;
      if (activeAdmin && (await countActiveAdmins(tx)) <= 1) throw lastAdmin();
      const user = await updateEndingSessions(tx, id, { role: change.role });
      await recordAudit(tx, {
        actorUserId,
        action: 'user.role',
        entity: 'user',
        entityId: id,
        before: { role: target.role },
        after: { role: change.role },
      });
      return user;
    }
    const disabled = change.disabled!;
    if (disabled === target.disabled) return target;
    if (disabled && id === actorUserId)
      throw new UserError('self_disable', 'You cannot disable your own account');
    if (disabled && activeAdmin && (await countActiveAdmins(tx)) <= 1) throw lastAdmin();
    // Enabling raises the version too: sessions from before the disabling stay ended.
    const user = await updateEndingSessions(tx, id, { disabled });
    await recordAudit(tx, {
      actorUserId,
      action: disabled ? 'user.disable' : 'user.enable',
      entity: 'user',
      entityId: id,
      before: { disabled: target.disabled },
      after: { disabled },
    });
    return user;
  });
}

/**
 * An admin (or the CLI) sets another user's password: the one given, else a generated one
 * returned once. Their sessions end. An admin changes their own on the account page, with
 * the current password (changeOwnPassword).
 */
export async function resetPassword(
  db: Database,
  id: number,
  input: { password?: string },
  { actorUserId = null }: Actor = {},
): Promise<{ user: UserListing; generatedPassword: string | null }> {
  const { password } = parsed(passwordResetSchema, input, 'password');
  if (actorUserId === id)
    throw new UserError(
      'self_reset',
      'Change your own password on your account page, with your current one',
    );
  const generatedPassword = password === undefined ? generatePassword() : null;
  const passwordHash = await hashPassword(password ?? generatedPassword!);
  const user = await db.transaction(async (tx) => {
    await lockedUser(tx, id);
    const updated = await updateEndingSessions(tx, id, { passwordHash });
    await recordAudit(tx, {
      actorUserId,
      action: 'user.password_reset',
      entity: 'user',
      entityId: id,
      after: { generated: generatedPassword !== null },
    });
    return updated;
  });
  return { user, generatedPassword };
}

/**
 * A user changes their own password: the current one is checked under the sign-in limits
 * (lib/auth/rate-limit.ts), so a borrowed session cannot guess it freely. Every session
 * ends, this one included; returns the user with the new session version, for a fresh
 * session in this browser.
 */
export async function changeOwnPassword(
  db: Database,
  self: Pick<SessionUser, 'id' | 'email'>,
  input: PasswordChange,
  { address }: { address: string },
): Promise<SessionUser> {
  const { currentPassword, newPassword } = parsed(passwordChangeSchema, input, 'password change');
  const check = await attemptSignIn(db, {
    email: self.email,
    password: currentPassword,
    ip: address,
  });
  if (!check.ok && check.reason === 'rate_limited')
    throw new ApiError({
      code: 'rate_limited',
      message: `Too many wrong passwords: try again in ${check.retryAfterSeconds} seconds`,
    });
  if (!check.ok || check.user.id !== self.id)
    throw new UserError('wrong_password', 'The current password is not right', [
      { path: 'currentPassword', code: 'wrong_password', message: 'is not right' },
    ]);
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    await lockedUser(tx, self.id);
    const user = await updateEndingSessions(tx, self.id, { passwordHash });
    await recordAudit(tx, {
      actorUserId: self.id,
      action: 'user.password_change',
      entity: 'user',
      entityId: self.id,
    });
    return toSessionUser(user);
  });
}

/**
 * Ends every session of a user (signing out ends them on every device), audited as
 * `action`. Only when `sessionVersion` is still current: a stale token's sign-out is a no-op.
 */
export async function endSessions(
  db: Database,
  id: number,
  sessionVersion: number,
  { action, after }: { action: string; after?: Record<string, unknown> },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(sql`${users.id} = ${id} and ${users.sessionVersion} = ${sessionVersion}`)
      .returning({ id: users.id });
    if (!ended) return false;
    await recordAudit(tx, { actorUserId: id, action, entity: 'user', entityId: id, after });
    return true;
  });
}
