import { describe, expect, it } from 'vitest';
import { readEnv } from './env';

describe('readEnv', () => {
  it('fills defaults and treats empty variables as unset', () => {
    expect(readEnv({ DATABASE_URL: '', PORT: '' })).toEqual({
      DATA_DIR: '.data',
      PORT: 3000,
      DEMO_FANS: 5000,
    });
  });

  it('names every bad variable and why', () => {
    expect(() => readEnv({ DATABASE_URL: 'mysql://x', PORT: '99999' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL[\s\S]*PORT:/,
    );
  });
});
