import type { Database } from '../../db/client';
import type { Role } from '../../db/schema/accounts';
import { UserError } from './errors';
import { countUsers, verifyCredentials } from './user-queries';
import { createUser } from './users';

// The first accounts: an admin from the environment for a real install, and one user per
// role for the demo. Pure of Next, for the launchers (npm start, npm run demo, e2e).

/**
 * Creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD while the users table is empty.
 * Returns whether it did. Two processes starting at once create it once.
 */
export async function createFirstAdmin(
  db: Database,
  admin: { email: string; password: string },
): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  try {
    await createUser(db, { ...admin, name: 'Admin', role: 'admin' });
    return true;
  } catch (error) {
    if (error instanceof UserError && error.code === 'duplicate_email') return false;
    throw error;
  }
}

export interface DemoUser {
  role: Role;
  email: string;
  name: string;
  password: string;
}

/** The demo's sign-ins, one per role; the passwords are public, for the demo only. */
export const demoUsers: readonly DemoUser[] = [
  { role: 'admin', email: 'admin@demo.local', name: 'Ada Admin', password: 'demo-admin-pass' },
  {
    role: 'operator',
    email: 'operator@demo.local',
    name: 'Otto Operator',
    password: 'demo-operator-pass',
  },
  {
    role: 'growth',
    email: 'growth@demo.local',
    name: 'Greta Growth',
    password: 'demo-growth-pass',
  },
  {
    role: 'support',
    email: 'support@demo.local',
    name: 'Sam Support',
    password: 'demo-support-pass',
  },
];

export function demoUser(role: Role): DemoUser {
  return demoUsers.find((u) => u.role === role)!;
}

/** Creates those demo users whose email is not taken yet; returns how many it created. */
export async function createDemoUsers(db: Database): Promise<number> {
  let created = 0;
  for (const user of demoUsers) {
    try {
      await createUser(db, user);
      created++;
    } catch (error) {
      if (!(error instanceof UserError && error.code === 'duplicate_email')) throw error;
    }
  }
  return created;
}

/** The demo users that can still sign in with their documented password. */
export async function workingDemoUsers(db: Database): Promise<DemoUser[]> {
  const works = await Promise.all(
    demoUsers.map(async (u) => (await verifyCredentials(db, u.email, u.password)) !== null),
  );
  return demoUsers.filter((_, i) => works[i]);
}

/**
 * Why `npm start` must not serve this database, or null: demo accounts that still sign in
 * with the passwords the README publishes. The message names them and says how to fix it.
 */
export async function demoSignInRefusal(db: Database): Promise<string | null> {
  const working = await workingDemoUsers(db);
  if (working.length === 0) return null;
  return [
    `npm start refuses to run: these demo accounts still sign in with the public demo ` +
      `passwords: ${working.map((u) => u.email).join(', ')}.`,
    'Give each a new password (npm run users -- password --email <email>) or disable it ' +
      '(npm run users -- disable --email <email>); to disable the demo admin, first add an ' +
      'admin of your own (npm run users -- add --email <email> --name <name> --role admin).',
    'To run the demo itself, use npm run demo.',
  ].join('\n');
}
