import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './fetch';
import { retryUnlessRefused } from './retry-unless-refused';

describe('retryUnlessRefused', () => {
  it('shows a refusal at once and retries a failure up to three times', () => {
    const refused = new ApiRequestError('no tag', 400, 'invalid');
    const failed = new ApiRequestError('boom', 500, 'internal');
    expect(retryUnlessRefused(0, refused)).toBe(false);
    expect(retryUnlessRefused(0, new ApiRequestError('gone', 404, 'not_found'))).toBe(false);
    expect([0, 1, 2, 3].map((n) => retryUnlessRefused(n, failed))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(retryUnlessRefused(0, new TypeError('Failed to fetch'))).toBe(true);
  });
});
