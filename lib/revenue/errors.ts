import { ApiError, type FieldIssue } from '../api/errors';

// Refusals of a change to revenue data (base currency, rates, customer links): nothing was
// changed. Pure, so the CLIs and the routes share it; a route answers it as is.

export const revenueErrorStatus = {
  invalid: 400,
  not_found: 404,
  no_purchases: 409,
  already_linked: 409,
} as const;

export type RevenueErrorCode = keyof typeof revenueErrorStatus;

export class RevenueError extends ApiError {
  declare readonly code: RevenueErrorCode;
  constructor(code: RevenueErrorCode, message: string, fields: FieldIssue[] = []) {
    super({ code, message, status: revenueErrorStatus[code], fields });
    this.name = 'RevenueError';
  }
}
