import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './passwords';

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

  it('generates strong, distinct passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[\w-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
