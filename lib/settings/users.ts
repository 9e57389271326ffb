import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { roles, users } from '../../db/schema/accounts';
import { UserError } from '../auth/errors';
import {
  countActiveAdmins,
  createUser,
  lockAdminChanges,
  setUserDisabled,
  setUserRole,
  type NewUser,
} from '../auth/users';
import type { UserSetting } from './types';

// The Settings page's changes to users, with their guard rails: each one is audited with
// the acting admin (lib/auth/users.ts), refused whole with a coded error, or done whole.

export type SettingsErrorCode =
  'invalid' | 'not_found' | 'duplicate_email' | 'self_disable' | 'last_admin';

/** A change refused as asked: nothing was written. `code` picks the message the page shows. */
export class SettingsError extends Error {
  constructor(
    readonly code: SettingsErrorCode,
    message: string,
    /** For `invalid`: the message for each offending field, by field name. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

export const userChangeSchema = z
  .object({
    role: z.enum(roles, { error: `must be one of ${roles.join(', ')}` }).optional(),
    disabled: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict()
  .refine((c) => (c.role === undefined) !== (c.disabled === undefined), {
    message: 'give either role or disabled',
  });

export type UserChange = { role: UserSetting['role'] } | { disabled: boolean };

/** A user id from a URL: a positive integer, else null. */
export function parseUserId(value: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

function invalid(error: z.ZodError): SettingsError {
  const fields = Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? ''), i.message]));
  const summary = error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')} ${i.message}` : i.message))
    .join('; ');
  return new SettingsError('invalid', `Invalid change: ${summary}`, fields);
}

function fromUserError(error: unknown): never {
  if (error instanceof UserError)
    throw new SettingsError(
      error.code === 'duplicate_email' ? 'duplicate_email' : 'invalid',
      error.message,
      error.fields,
    );
  throw error;
}

/** A user as Settings shows it. */
export const toSetting = (
  u: Pick<typeof users.$inferSelect, 'id' | 'email' | 'name' | 'role' | 'disabled' | 'createdAt'>,
): UserSetting => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt.toISOString(),
});

async function findUser(db: Database, id: number): Promise<UserSetting> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) throw new SettingsError('not_found', `No user with id ${id}`);
  return toSetting(user);
}

/** Adds a user (email, name, role, password of 10+ characters), audited as `actorUserId`. */
export async function addUser(
  db: Database,
  input: unknown,
  { actorUserId }: { actorUserId: number },
): Promise<UserSetting> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new SettingsError(
      'invalid',
      'Invalid user: send an object with email, name, role and password',
    );
  const created = await createUser(db, input as NewUser, { actorUserId }).catch(fromUserError);
  return findUser(db, created.id);
}

/**
 * Changes a user's role or disables / re-enables them, as `actorUserId` (null: from the
 * command line). Refuses an admin disabling themselves and leaving no active admin (by
 * role or by disabling), under the lock lib/auth/users.ts takes for admin changes, so two
 * admins at once cannot both pass.
 */
export async function changeUser(
  db: Database,
  id: number,
  input: unknown,
  { actorUserId }: { actorUserId: number | null },
): Promise<UserSetting> {
  const parsed = userChangeSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const change = parsed.data;
  await db.transaction(async (tx) => {
    await lockAdminChanges(tx);
    const [target] = await tx
      .select({ role: users.role, disabled: users.disabled })
      .from(users)
      .where(eq(users.id, id))
      .for('update');
    if (!target) throw new SettingsError('not_found', `No user with id ${id}`);
    const activeAdmin = target.role === 'admin' && !target.disabled;
    const lastAdmin = () =>
      new SettingsError(
        'last_admin',
        `User ${id} is the last active admin: make another user an admin first`,
      );
    if (change.role !== undefined) {
      if (change.role === target.role) return;
      if (activeAdmin && (await countActiveAdmins(tx)) <= 1) throw lastAdmin();
      await setUserRole(tx, id, change.role, { actorUserId }).catch(fromUserError);
    } else if (change.disabled !== undefined) {
      if (change.disabled === target.disabled) return;
      if (change.disabled && id === actorUserId)
        throw new SettingsError('self_disable', 'You cannot disable your own account');
      if (change.disabled && activeAdmin && (await countActiveAdmins(tx)) <= 1) throw lastAdmin();
      await setUserDisabled(tx, id, change.disabled, { actorUserId }).catch(fromUserError);
    }
  });
  return findUser(db, id);
}
