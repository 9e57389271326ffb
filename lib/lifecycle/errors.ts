import { ApiError, type FieldIssue } from '../api/errors';

export type RuleSetErrorCode = 'invalid' | 'not_found' | 'not_draft' | 'stale_draft';

const statusOf: Record<RuleSetErrorCode, number> = {
  invalid: 400,
  not_found: 404,
  // The version exists but is no longer what the request took it for.
  not_draft: 409,
  stale_draft: 409,
};

/** A rule-set operation refused as asked: nothing was changed. */
export class RuleSetError extends ApiError {
  declare readonly code: RuleSetErrorCode;
  constructor(code: RuleSetErrorCode, message: string, fields: FieldIssue[] = []) {
    super({ code, message, status: statusOf[code], fields });
    this.name = 'RuleSetError';
  }
}
