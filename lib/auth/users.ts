import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import { auditLog, roles, users, type Role } from '../../db/schema/accounts';
import { UserError } from './errors';
import { hashPassword, verifyPassword } from './passwords';

// Accounts of the dashboard. Pure of Next: the CLIs (npm run users, the launchers) use it.

export const minPasswordLength = 10;

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address').max(254)),
  name: z.string().trim().min(1, 'must not be empty').max(100),
  password: z
    .string()
    .min(minPasswordLength, `must be at least ${minPasswordLength} characters`)
    .max(1000),
  role: z.enum(roles, { error: `must be one of ${roles.join(', ')}` }),
});

export type NewUser = z.input<typeof newUserSchema>;

/** What a signed-in person is, as the server checks it on every request. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export interface UserListing extends SessionUser {
  disabled: boolean;
  createdAt: Date;
}

const sessionColumns = { id: users.id, email: users.email, name: users.name, role: users.role };

const uniqueViolation = (error: unknown): boolean =>
  error instanceof Error &&
  ((error as { code?: string }).code === '23505' ||
    (error.cause as { code?: string } | undefined)?.code === '23505');

/**
 * Creates a user after validating the input; the email is stored trimmed and lower-case
 * and must be new in any case. Writes an audit_log row (without the password) in the
 * same transaction. Throws UserError (nothing written) on invalid input or a taken email.
 */
export async function createUser(
  db: Executor,
  input: NewUser,
  { actorUserId = null }: { actorUserId?: number | null } = {},
): Promise<SessionUser> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(
      parsed.error.issues.map((i) => [String(i.path[0] ?? ''), i.message]),
    );
    const summary = Object.entries(fields)
      .map(([field, message]) => `${field} ${message}`)
      .join('; ');
    throw new UserError('invalid', `Invalid user: ${summary}`, fields);
  }
  const { email, name, password, role } = parsed.data;
  const passwordHash = await hashPassword(password);
  const duplicate = () =>
    new UserError('duplicate_email', `A user with the email ${email} already exists`);
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
        .returning(sessionColumns);
      await tx.insert(auditLog).values({
        actorUserId,
        action: 'user.create',
        entity: 'user',
        entityId: String(user!.id),
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

// Compared against when the email is unknown, so an unknown email takes as long to refuse
// as a wrong password and timing does not tell which emails have accounts.
let decoyHash: Promise<string> | undefined;

/** The user whose email and password these are, or null (unknown, wrong or disabled). */
export async function verifyCredentials(
  db: Executor,
  email: string,
  password: string,
): Promise<SessionUser | null> {
  const [user] = await db
    .select({ ...sessionColumns, passwordHash: users.passwordHash, disabled: users.disabled })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  if (!user) {
    await verifyPassword(password, await (decoyHash ??= hashPassword('decoy password')));
    return null;
  }
  const matches = await verifyPassword(password, user.passwordHash);
  if (!matches || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The user with this id as it is now, or null when it is gone or disabled. */
export async function findActiveUser(db: Executor, id: number): Promise<SessionUser | null> {
  const [user] = await db
    .select({ ...sessionColumns, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, id));
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function listUsers(db: Executor): Promise<UserListing[]> {
  return db
    .select({ ...sessionColumns, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.id));
}

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return row!.count;
}

/** Disables or re-enables a user (audited); a disabled user's sessions stop at once. */
export async function setUserDisabled(
  db: Executor,
  id: number,
  disabled: boolean,
  { actorUserId = null }: { actorUserId?: number | null } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ disabled: users.disabled })
      .from(users)
      .where(eq(users.id, id))
      .for('update');
    if (!before) throw new UserError('invalid', `No user with id ${id}`);
    await tx.update(users).set({ disabled }).where(eq(users.id, id));
    await tx.insert(auditLog).values({
      actorUserId,
      action: disabled ? 'user.disable' : 'user.enable',
      entity: 'user',
      entityId: String(id),
      before,
      after: { disabled },
    });
  });
}

/**
 * Gives a user a new password (at least minPasswordLength characters), audited without
 * it. Throws UserError (nothing written) for a short password or an unknown user.
 */
export async function setUserPassword(
  db: Executor,
  id: number,
  password: string,
  { actorUserId = null }: { actorUserId?: number | null } = {},
): Promise<void> {
  const parsed = newUserSchema.shape.password.safeParse(password);
  if (!parsed.success) {
    const message = parsed.error.issues[0]!.message;
    throw new UserError('invalid', `Invalid password: ${message}`, { password: message });
  }
  const passwordHash = await hashPassword(parsed.data);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!user) throw new UserError('invalid', `No user with id ${id}`);
    await tx.insert(auditLog).values({
      actorUserId,
      action: 'user.password',
      entity: 'user',
      entityId: String(id),
    });
  });
}

/** The user with this email (any letter case), or null. */
export async function findUserByEmail(db: Executor, email: string): Promise<UserListing | null> {
  const [user] = await db
    .select({ ...sessionColumns, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user ?? null;
}

/** Serialises changes to who is an active admin, so two at once cannot remove the last one. */
export async function lockAdminChanges(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('users.active_admins'))`);
}

/** How many users are admins and not disabled. */
export async function countActiveAdmins(db: Executor): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.role} = 'admin' and not ${users.disabled}`);
  return row!.count;
}

/**
 * Gives a user another role (audited with the role before and after); their next request
 * already has it. Throws UserError (nothing written) for an unknown role or user, and when
 * it would take the admin role from the last active admin. The same role again writes
 * nothing.
 */
export async function setUserRole(
  db: Executor,
  id: number,
  role: Role,
  { actorUserId = null }: { actorUserId?: number | null } = {},
): Promise<void> {
  const parsed = newUserSchema.shape.role.safeParse(role);
  if (!parsed.success) {
    const message = parsed.error.issues[0]!.message;
    throw new UserError('invalid', `Invalid role: ${message}`, { role: message });
  }
  await db.transaction(async (tx) => {
    await lockAdminChanges(tx);
    const [before] = await tx
      .select({ role: users.role, disabled: users.disabled })
      .from(users)
      .where(eq(users.id, id))
      .for('update');
    if (!before) throw new UserError('invalid', `No user with id ${id}`);
    if (before.role === parsed.data) return;
    if (before.role === 'admin' && !before.disabled && (await countActiveAdmins(tx)) <= 1) {
      const message = 'is the last active admin: make another user an admin first';
      throw new UserError('invalid', `User ${id} ${message}`, { role: message });
    }
    await tx.update(users).set({ role: parsed.data }).where(eq(users.id, id));
    await tx.insert(auditLog).values({
      actorUserId,
      action: 'user.role',
      entity: 'user',
      entityId: String(id),
      before: { role: before.role },
      after: { role: parsed.data },
    });
  });
}
