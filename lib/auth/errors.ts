import { ApiError, type FieldIssue } from '../api/errors';

// Refusals of a user operation (lib/auth/users.ts): nothing was changed. Pure, so the CLIs
// and the routes share it; a route answers it as is (it is an ApiError).

export const userErrorStatus = {
  invalid: 400,
  wrong_password: 400,
  not_found: 404,
  duplicate_email: 409,
  self_disable: 409,
  self_reset: 409,
  last_admin: 409,
} as const;

export type UserErrorCode = keyof typeof userErrorStatus;

export class UserError extends ApiError {
  declare readonly code: UserErrorCode;
  constructor(code: UserErrorCode, message: string, fields: FieldIssue[] = []) {
    super({ code, message, status: userErrorStatus[code], fields });
    this.name = 'UserError';
  }
}
