import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The embedded server's password for its `postgres` role: random, made with the cluster,
// kept in <DATA_DIR>/postgres-password (0600) so every later start uses it again.

export const passwordFile = (dataDir: string) => path.join(dataDir, 'postgres-password');

/** The kept password, or null when there is none yet. */
export function readPassword(dataDir: string): string | null {
  const file = passwordFile(dataDir);
  try {
    chmodSync(file, 0o600);
    return readFileSync(file, 'utf8').trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A new random password (URL-safe, 192 bits), kept before anything uses it. */
export function createPassword(dataDir: string): string {
  const password = randomBytes(24).toString('base64url');
  const file = passwordFile(dataDir);
  const staging = `${file}.${process.pid}`;
  writeFileSync(staging, `${password}\n`, { mode: 0o600 });
  renameSync(staging, file);
  return password;
}
