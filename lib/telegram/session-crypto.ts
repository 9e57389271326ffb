import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

// Telegram sessions are secrets (whoever holds one is the account): stored only as
// AES-256-GCM ciphertext under a key derived from APP_SECRET. Layout: 12-byte nonce,
// 16-byte tag, ciphertext.

// scrypt is slow on purpose: derive each secret's key once per process.
const keys = new Map<string, Buffer>();
function keyFor(appSecret: string): Buffer {
  if (!keys.has(appSecret))
    keys.set(appSecret, scryptSync(appSecret, 'fan-lifecycle/telegram-session', 32));
  return keys.get(appSecret)!;
}

export function encryptSession(session: string, appSecret: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(appSecret), nonce);
  const body = Buffer.concat([cipher.update(session, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

/** Throws when APP_SECRET is not the one the session was stored with, or the bytes were changed. */
export function decryptSession(stored: Buffer, appSecret: string): string {
  const decipher = createDecipheriv('aes-256-gcm', keyFor(appSecret), stored.subarray(0, 12));
  decipher.setAuthTag(stored.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      'cannot decrypt the Telegram session: APP_SECRET differs from the one it was stored with',
    );
  }
}
