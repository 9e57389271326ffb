import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { users, type Role } from '../../db/schema/accounts';
import { hashPassword, maxPasswordLength, verifyPassword } from './passwords';
import { maxEmailLength } from './user-schemas';

// Reads of the dashboard's accounts. Pure of Next: the CLIs and the launchers use them.

/** What a signed-in person is, as the server checks it on every request. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The version their session tokens must carry (lib/auth/session.ts). */
  sessionVersion: number;
}

export interface UserListing extends SessionUser {
  disabled: boolean;
  createdAt: Date;
}

export const sessionColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  sessionVersion: users.sessionVersion,
};

export const toSessionUser = (u: SessionUser): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  sessionVersion: u.sessionVersion,
});

// Compared against when the email is unknown, so an unknown email takes as long to refuse
// as a wrong password and timing does not tell which emails have accounts. Made again if
// making it failed (e.g. hashing was busy), never kept as a failure.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword('decoy password').catch((error: unknown) => {
    decoyHash = undefined;
    throw error;
  });
  return decoyHash;
}

/** The user whose email and password these are, or null (unknown, wrong or disabled). */
export async function verifyCredentials(
  db: Executor,
  email: string,
  password: string,
): Promise<SessionUser | null> {
  const emailLower = email.trim().toLowerCase();
  if (emailLower.length > maxEmailLength || password.length > maxPasswordLength) return null;
  const [user] = await db
    .select({ ...sessionColumns, passwordHash: users.passwordHash, disabled: users.disabled })
    .from(users)
    .where(sql`lower(${users.email}) = ${emailLower}`);
  if (!user) {
    await verifyPassword(password, await decoy());
    return null;
  }
  const matches = await verifyPassword(password, user.passwordHash);
  if (!matches || user.disabled) return null;
  return toSessionUser(user);
}

/** The user with this id as it is now, or null when it is gone or disabled. */
export async function findActiveUser(db: Executor, id: number): Promise<SessionUser | null> {
  const [user] = await db
    .select({ ...sessionColumns, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, id));
  if (!user || user.disabled) return null;
  return toSessionUser(user);
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

/** The id of the user with this email in any case, or null. */
export async function findUserIdByEmail(db: Executor, email: string): Promise<number | null> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user?.id ?? null;
}
