import { describe, expect, it } from 'vitest';
import {
  adminFromEnv,
  appSecretOf,
  importMaxBytesOf,
  readEnv,
  requireAuthSecret,
  telegramConfig,
} from './env';

describe('readEnv', () => {
  it('fills defaults and treats empty variables as unset', () => {
    expect(readEnv({ DATABASE_URL: '', PORT: '' })).toEqual({
      DATA_DIR: '.data',
      PORT: 3000,
      DEMO_FANS: 5000,
      DEMO_LIVE: 'on',
      IMPORT_MAX_BYTES: 200 * 1024 * 1024,
    });
  });

  it('names every bad variable and why', () => {
    expect(() => readEnv({ DATABASE_URL: 'mysql://x', PORT: '99999' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL[\s\S]*PORT:/,
    );
  });

  it('takes the Telegram settings together or not at all', () => {
    expect(() => readEnv({ TELEGRAM_API_ID: '123' })).toThrow(
      /TELEGRAM_API_HASH: is required with TELEGRAM_API_ID and APP_SECRET[\s\S]*APP_SECRET: is required/,
    );
    expect(() =>
      readEnv({ TELEGRAM_API_ID: '123', TELEGRAM_API_HASH: 'xyz', APP_SECRET: 'short' }),
    ).toThrow(
      /TELEGRAM_API_HASH: must be the 32-character api_hash[\s\S]*APP_SECRET: must be at least 32/,
    );
    const env = readEnv({
      TELEGRAM_API_ID: '123',
      TELEGRAM_API_HASH: '0123456789abcdef0123456789abcdef',
      APP_SECRET: 'x'.repeat(32),
    });
    expect(telegramConfig(env)).toEqual({
      apiId: 123,
      apiHash: '0123456789abcdef0123456789abcdef',
      appSecret: 'x'.repeat(32),
    });
    expect(telegramConfig(readEnv({}))).toBeNull();
    // APP_SECRET alone encrypts the purchase webhook's secrets, without Telegram.
    expect(telegramConfig(readEnv({ APP_SECRET: 'x'.repeat(32) }))).toBeNull();
    expect(appSecretOf({ APP_SECRET: 'x'.repeat(32) })).toBe('x'.repeat(32));
    expect(appSecretOf({ APP_SECRET: '' })).toBeNull();
    expect(() => appSecretOf({ APP_SECRET: 'short' })).toThrow(/APP_SECRET: must be at least 32/);
  });

  it('checks the sign-in settings and takes the first admin only whole', () => {
    expect(() => readEnv({ AUTH_SECRET: 'short', ADMIN_EMAIL: 'a@b.c' })).toThrow(
      /AUTH_SECRET: must be at least 32[\s\S]*ADMIN_PASSWORD: is required with ADMIN_EMAIL/,
    );
    expect(() => readEnv({ ADMIN_EMAIL: 'nope', ADMIN_PASSWORD: 'long enough!' })).toThrow(
      /ADMIN_EMAIL: must be an email address/,
    );
    expect(() => requireAuthSecret(readEnv({}))).toThrow(
      /AUTH_SECRET is not set[\s\S]*AUTH_SECRET=\$\(openssl rand -base64 32\)/,
    );
    expect(() => readEnv({ TRUSTED_PROXIES: '10.0.0.0/8, nope' })).toThrow(
      /TRUSTED_PROXIES: "nope" is not an IP address or CIDR range/,
    );
    expect(readEnv({ TRUSTED_PROXIES: '10.0.0.0/8, ::1' }).TRUSTED_PROXIES).toBe('10.0.0.0/8, ::1');
    const env = readEnv({
      AUTH_SECRET: 's'.repeat(32),
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'long enough!',
    });
    expect(requireAuthSecret(env)).toBe('s'.repeat(32));
    expect(adminFromEnv(env)).toEqual({ email: 'root@example.com', password: 'long enough!' });
    expect(adminFromEnv(readEnv({}))).toBeNull();
  });

  it('takes the import cap in bytes, 200 MB unless set', () => {
    expect(importMaxBytesOf({})).toBe(200 * 1024 * 1024);
    expect(importMaxBytesOf({ IMPORT_MAX_BYTES: '' })).toBe(200 * 1024 * 1024);
    expect(importMaxBytesOf({ IMPORT_MAX_BYTES: '1048576' })).toBe(1048576);
    expect(readEnv({ IMPORT_MAX_BYTES: '5000' }).IMPORT_MAX_BYTES).toBe(5000);
    for (const bad of ['lots', '1.5', '10', String(2 ** 40 * 65)])
      expect(() => importMaxBytesOf({ IMPORT_MAX_BYTES: bad })).toThrow(/IMPORT_MAX_BYTES: must/);
    expect(() => readEnv({ IMPORT_MAX_BYTES: 'lots' })).toThrow(/IMPORT_MAX_BYTES/);
  });
});
