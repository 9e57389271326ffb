import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/client';
import { createFirstAdmin } from '../lib/auth/bootstrap';
import { countUsers } from '../lib/auth/user-queries';
import { adminFromEnv, type Env } from '../lib/env';

/** What next-auth in the `next start` child needs: the secret and the app's own URL. */
export function authChildEnv(secret: string, port: number | string): Record<string, string> {
  return {
    AUTH_SECRET: secret,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
  };
}

/** A new random secret for signing sessions (43 characters, 256 bits). */
export function randomAuthSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A secret kept in <DATA_DIR>/<file>, made on first use, so it survives a restart. */
async function keptSecret(env: Env, file: string): Promise<string> {
  const kept = path.join(env.DATA_DIR, file);
  try {
    const secret = (await readFile(kept, 'utf8')).trim();
    if (secret.length >= 32) return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomAuthSecret();
  await mkdir(env.DATA_DIR, { recursive: true });
  await writeFile(kept, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The demo's session secret: AUTH_SECRET when set, else the one kept in
 * <DATA_DIR>/auth-secret, made on first use, so sessions survive a restart.
 */
export async function demoAuthSecret(env: Env): Promise<string> {
  return env.AUTH_SECRET || keptSecret(env, 'auth-secret');
}

/**
 * The demo's APP_SECRET (it encrypts the demo shop's webhook secret): APP_SECRET when set,
 * else the one kept in <DATA_DIR>/app-secret.
 */
export async function demoAppSecret(env: Env): Promise<string> {
  return env.APP_SECRET || keptSecret(env, 'app-secret');
}

/** ADMIN_EMAIL / ADMIN_PASSWORD become the first admin while there are no users. */
export async function adminFromEnvOnStart(
  db: Database,
  env: Env,
  log: (line: string) => void,
): Promise<void> {
  const admin = adminFromEnv(env);
  if (admin && (await createFirstAdmin(db, admin)))
    log(`Created the first admin, ${admin.email}, from ADMIN_EMAIL.`);
  else if ((await countUsers(db)) === 0)
    log(
      'No users yet: create the first admin with `npm run users -- add --email <email> ' +
        '--name <name> --role admin`, or set ADMIN_EMAIL and ADMIN_PASSWORD and restart.',
    );
}
