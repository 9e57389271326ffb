import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

// Secrets the app must read back (Telegram sessions, webhook signing secrets) are stored
// only as AES-256-GCM ciphertext under a key derived from APP_SECRET, one key per purpose,
// so a ciphertext of one purpose never opens as another. Layout: 12-byte nonce, 16-byte
// tag, ciphertext. The Telegram sessions' key is the one they were always stored under.

export type SecretPurpose = 'telegram-session' | 'webhook-secret';

const described: Record<SecretPurpose, string> = {
  'telegram-session': 'the Telegram session',
  'webhook-secret': 'the webhook signing secret',
};

// scrypt is slow on purpose: derive each (secret, purpose) key once per process.
const keys = new Map<string, Buffer>();
function keyFor(purpose: SecretPurpose, appSecret: string): Buffer {
  const id = `${purpose}\u0000${appSecret}`;
  let key = keys.get(id);
  if (!key) {
    key = scryptSync(appSecret, `fan-lifecycle/${purpose}`, 32);
    keys.set(id, key);
  }
  return key;
}

export function sealSecret(purpose: SecretPurpose, plaintext: string, appSecret: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose, appSecret), nonce);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

/** Throws when APP_SECRET is not the one the secret was stored with, or the bytes were changed. */
export function openSecret(purpose: SecretPurpose, stored: Buffer, appSecret: string): string {
  const decipher = createDecipheriv(
    'aes-256-gcm',
    keyFor(purpose, appSecret),
    stored.subarray(0, 12),
  );
  try {
    decipher.setAuthTag(stored.subarray(12, 28));
    return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      `cannot decrypt ${described[purpose]}: APP_SECRET differs from the one it was stored with`,
    );
  }
}
