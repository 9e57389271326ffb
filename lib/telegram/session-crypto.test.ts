import { describe, expect, it } from 'vitest';
import { decryptSession, encryptSession } from './session-crypto';

describe('session encryption', () => {
  const session = '1BVtsOKABu0f3-example-string-session==';

  it('stores no readable session and gives it back with the same secret', () => {
    const stored = encryptSession(session, 'secret one');
    expect(stored.toString('utf8')).not.toContain('example');
    expect(decryptSession(stored, 'secret one')).toBe(session);
    expect(encryptSession(session, 'secret one').equals(stored)).toBe(false);
  });

  it('refuses another secret and changed bytes', () => {
    const stored = encryptSession(session, 'secret one');
    expect(() => decryptSession(stored, 'secret two')).toThrow(/APP_SECRET differs/);
    const changed = Buffer.from(stored);
    changed[changed.length - 1]! ^= 1;
    expect(() => decryptSession(changed, 'secret one')).toThrow(/APP_SECRET differs/);
  });
});
