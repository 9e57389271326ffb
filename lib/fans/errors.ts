// Refusals of the fan pages' reads and changes. Nothing was written when one is thrown;
// `code` picks the words the page shows, `message` is the English the API returns.

export type FanErrorCode = 'invalid' | 'not_found' | 'erased' | 'confirm_mismatch';

export class FanError extends Error {
  constructor(
    readonly code: FanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FanError';
  }
}

/** A fan id from a URL: a positive whole number, else a FanError('invalid'). */
export function parseFanId(value: string): number {
  if (/^[1-9][0-9]{0,15}$/.test(value)) {
    const id = Number(value);
    if (Number.isSafeInteger(id)) return id;
  }
  throw new FanError(
    'invalid',
    `Invalid fan id "${value.slice(0, 40)}": it must be a positive whole number`,
  );
}
