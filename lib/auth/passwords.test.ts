import { afterEach, describe, expect, it } from 'vitest';
import {
  configureHashing,
  generatePassword,
  hashingLoad,
  HashingBusyError,
  hashPassword,
  maxPasswordLength,
  verifyPassword,
} from './passwords';

describe('password hashes', () => {
  it('are salted: one password hashes differently each time, and both verify', async () => {
    const [a, b] = await Promise.all([
      hashPassword('correct horse'),
      hashPassword('correct horse'),
    ]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$N=32768,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horse', b)).toBe(true);
  });

  it('refuse a wrong password', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword('correct hors', hash)).toBe(false);
    expect(await verifyPassword('Correct horse', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('refuse a tampered or malformed stored string instead of throwing', async () => {
    const hash = await hashPassword('correct horse');
    const [scheme, params, salt, key] = hash.split('$') as [string, string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const tampered of [
      [scheme, params, salt, flip(key)].join('$'),
      [scheme, params, flip(salt), key].join('$'),
      [scheme, 'N=16384,r=8,p=1', salt, key].join('$'),
      [scheme, 'N=1024,r=8,p=1', salt, key].join('$'), // weaker than allowed
      [scheme, 'N=4194304,r=8,p=1', salt, key].join('$'), // slower than allowed
      [scheme, 'N=30000,r=8,p=1', salt, key].join('$'), // not a power of two
      ['bcrypt', params, salt, key].join('$'),
      [scheme, params, salt, key.slice(0, -2)].join('$'),
      [scheme, params, salt].join('$'),
      '',
      'correct horse',
    ])
      expect(await verifyPassword('correct horse', tampered), tampered).toBe(false);
  });

  it('refuse a password past the cap without hashing it', async () => {
    const hash = await hashPassword('x'.repeat(maxPasswordLength));
    expect(await verifyPassword('x'.repeat(maxPasswordLength), hash)).toBe(true);
    const { started } = hashingLoad();
    expect(await verifyPassword('x'.repeat(maxPasswordLength + 1), hash)).toBe(false);
    expect(await verifyPassword('x'.repeat(5_000_000), hash)).toBe(false);
    expect(hashingLoad().started).toBe(started);
    await expect(hashPassword('x'.repeat(maxPasswordLength + 1))).rejects.toThrow(RangeError);
  });

  it('generates strong, distinct passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[\w-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });
});

describe('concurrent hashing', () => {
  afterEach(() => configureHashing({ concurrent: 4, queued: 32 }));

  it('runs at most N at once, queues up to Q more and refuses the rest as rate_limited', async () => {
    const hash = await hashPassword('correct horse');
    configureHashing({ concurrent: 2, queued: 3 });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => verifyPassword('correct horse', hash)),
    );
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(done).toHaveLength(5);
    expect(done.every((r) => r.value)).toBe(true);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(HashingBusyError);
      expect(r.reason).toMatchObject({ code: 'rate_limited', status: 429 });
    }
    expect(hashingLoad()).toMatchObject({ active: 0, queued: 0, peak: 2 });
  });
});
