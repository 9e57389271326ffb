import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box';

describe('secret box', () => {
  const session = '1BVtsOKABu0f3-example-string-session==';

  it('stores no readable secret and gives it back with the same APP_SECRET', () => {
    const stored = sealSecret('telegram-session', session, 'secret one');
    expect(stored.toString('utf8')).not.toContain('example');
    expect(openSecret('telegram-session', stored, 'secret one')).toBe(session);
    expect(sealSecret('telegram-session', session, 'secret one').equals(stored)).toBe(false);
  });

  it('refuses another APP_SECRET, another purpose and changed bytes', () => {
    const stored = sealSecret('telegram-session', session, 'secret one');
    expect(() => openSecret('telegram-session', stored, 'secret two')).toThrow(
      /cannot decrypt the Telegram session: APP_SECRET differs/,
    );
    expect(() => openSecret('webhook-secret', stored, 'secret one')).toThrow(
      /cannot decrypt the webhook signing secret/,
    );
    const changed = Buffer.from(stored);
    changed[changed.length - 1]! ^= 1;
    expect(() => openSecret('telegram-session', changed, 'secret one')).toThrow(/APP_SECRET/);
    expect(() => openSecret('telegram-session', Buffer.alloc(5), 'secret one')).toThrow(
      /APP_SECRET/,
    );
  });

  it('still opens a Telegram session stored before the secret box (same key derivation)', () => {
    // Made by lib/telegram/session-crypto.ts's encryptSession(session, 'x'.repeat(32)).
    const stored = Buffer.from(
      'aVOrs4oFM9QwXQCd34FBycd7v1AjiBPnu59pYR5mPOBu0bbDl7VsP+BfO5Qn2eKhmb8HV653kGRhK3osfvoICM7i',
      'base64',
    );
    expect(openSecret('telegram-session', stored, 'x'.repeat(32))).toBe(session);
  });
});
