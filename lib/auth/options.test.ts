import { afterEach, describe, expect, it } from 'vitest';
import { checkWebEnv } from '../env';
import { authOptions } from './options';

const secret = process.env.AUTH_SECRET;

describe('the session secret', () => {
  afterEach(() => {
    process.env.AUTH_SECRET = secret;
  });

  it('is required at the first auth use in every mode, with how to set it', () => {
    for (const mode of ['development', 'production', 'test']) {
      (process.env as Record<string, string>).NODE_ENV = mode;
      delete process.env.AUTH_SECRET;
      expect(() => authOptions.secret).toThrow(
        /AUTH_SECRET is not set[\s\S]*next dev included[\s\S]*openssl rand -base64 32/,
      );
      process.env.AUTH_SECRET = 'too short';
      expect(() => authOptions.secret).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    }
    (process.env as Record<string, string>).NODE_ENV = 'test';
    process.env.AUTH_SECRET = secret;
    expect(authOptions.secret).toBe(secret);
  });

  it("is checked with TRUSTED_PROXIES at the web app's start", () => {
    expect(() => checkWebEnv({})).toThrow(/AUTH_SECRET is not set/);
    expect(() => checkWebEnv({ AUTH_SECRET: secret, TRUSTED_PROXIES: 'proxy.local' })).toThrow(
      /TRUSTED_PROXIES: "proxy.local" is not an IP address or CIDR range/,
    );
    expect(checkWebEnv({ AUTH_SECRET: secret, TRUSTED_PROXIES: '10.0.0.0/8' })).toEqual({
      authSecret: secret,
    });
  });
});

describe('the session token', () => {
  it('carries the user id, role and session version from the sign-in', async () => {
    const token = await authOptions.callbacks!.jwt!({
      token: { email: 'a@x.test' },
      user: { id: '7', role: 'growth', sessionVersion: 4, email: 'a@x.test' },
      account: null,
    });
    expect(token).toMatchObject({ uid: 7, role: 'growth', sv: 4 });
  });
});
