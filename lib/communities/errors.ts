import { ApiError, type FieldIssue } from '../api/errors';

// Refusals of a change to a community (its time zone): nothing was changed. Pure, so the
// CLI and the routes share it; a route answers it as is (it is an ApiError).

export const communityErrorStatus = {
  not_found: 404,
  unknown_time_zone: 400,
  community_busy: 409,
} as const;

export type CommunityErrorCode = keyof typeof communityErrorStatus;

export class CommunityError extends ApiError {
  declare readonly code: CommunityErrorCode;
  constructor(code: CommunityErrorCode, message: string, fields: FieldIssue[] = []) {
    super({ code, message, status: communityErrorStatus[code], fields });
    this.name = 'CommunityError';
  }
}
