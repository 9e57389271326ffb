import { ApiError, type FieldIssue } from '../api/errors';

// Refusals of the fan pages' reads and changes. Nothing was written when one is thrown;
// `code` picks the words the page shows, `message` is the English the API returns.

export type FanErrorCode = 'not_found' | 'erased' | 'confirm_mismatch';

const statusOf: Record<FanErrorCode, number> = {
  not_found: 404,
  erased: 409,
  confirm_mismatch: 400,
};

export class FanError extends ApiError {
  declare readonly code: FanErrorCode;
  constructor(code: FanErrorCode, message: string, fields?: FieldIssue[]) {
    super({ code, message, status: statusOf[code], fields });
    this.name = 'FanError';
  }
}
