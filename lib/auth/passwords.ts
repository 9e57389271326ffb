import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ApiError } from '../api/errors';

// Password hashes: scrypt (memory-hard, slow), a random 16-byte salt per hash, stored as a
// self-describing string so the cost can be raised later without breaking old hashes:
//   scrypt$N=32768,r=8,p=1$<salt, base64url>$<hash, base64url>

const params = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 32;
const saltLength = 16;
// Bounds for parameters read back from a stored string, so a tampered one cannot make a
// check arbitrarily slow or weak.
const limits = { N: [2 ** 14, 2 ** 20], r: [8, 32], p: [1, 4] } as const;

/** Longer is refused before hashing: a megabyte "password" is a way to burn CPU. */
export const maxPasswordLength = 1000;

// Each scrypt takes ~32 MiB and a core for ~100 ms: a burst of sign-ins must not take the
// server's memory and threads. At most `concurrent` run at once; up to `queued` more wait;
// beyond that the request is refused as rate_limited.
const hashing = { concurrent: 4, queued: 32, active: 0, peak: 0, started: 0 };
const waiting: (() => void)[] = [];

/** For tests and the bench: change the bounds (only while nothing is hashing). */
export function configureHashing(bounds: { concurrent: number; queued: number }) {
  Object.assign(hashing, bounds, { peak: hashing.active });
}

/** How busy hashing is: now, at most so far, and how many hashes ever started. */
export function hashingLoad() {
  const { active, peak, started } = hashing;
  return { active, peak, started, queued: waiting.length };
}

export class HashingBusyError extends ApiError {
  constructor() {
    super({
      code: 'rate_limited',
      message: 'The server is busy checking passwords: try again in a few seconds',
    });
    this.name = 'HashingBusyError';
  }
}

async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (hashing.active >= hashing.concurrent) {
    if (waiting.length >= hashing.queued) throw new HashingBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else hashing.active++;
  hashing.peak = Math.max(hashing.peak, hashing.active);
  hashing.started++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so `active` never overshoots.
    const next = waiting.shift();
    if (next) next();
    else hashing.active--;
  }
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * options.N! * options.r! + 32 * 1024 * 1024;
  return withHashingSlot(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem }, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  if (password.length > maxPasswordLength)
    throw new RangeError(`A password is at most ${maxPasswordLength} characters`);
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, params);
  const encoded = `N=${params.N},r=${params.r},p=${params.p}`;
  return `scrypt$${encoded}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function parse(stored: string): { options: ScryptOptions; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== 'scrypt') return null;
  const match = /^N=(\d+),r=(\d+),p=(\d+)$/.exec(parts[1]!);
  if (!match) return null;
  const [N, r, p] = match.slice(1).map(Number) as [number, number, number];
  const inRange = (v: number, [min, max]: readonly [number, number]) => v >= min && v <= max;
  if (!inRange(N, limits.N) || (N & (N - 1)) !== 0) return null;
  if (!inRange(r, limits.r) || !inRange(p, limits.p)) return null;
  const base64url = /^[A-Za-z0-9_-]+$/;
  if (!base64url.test(parts[2]!) || !base64url.test(parts[3]!)) return null;
  const salt = Buffer.from(parts[2]!, 'base64url');
  const key = Buffer.from(parts[3]!, 'base64url');
  if (salt.length !== saltLength || key.length !== keyLength) return null;
  return { options: { N, r, p }, salt, key };
}

/**
 * True when `password` matches `stored`; false for a wrong or over-long password or a
 * malformed hash. Throws HashingBusyError when too many checks are already waiting.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > maxPasswordLength) return false;
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.options);
  return timingSafeEqual(key, parsed.key);
}

/** A strong random password for a new account (24 characters, 144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
