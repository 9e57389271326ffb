import { ApiError, type FieldIssue } from '../api/errors';

// Refusals of a webhook source change (Settings, `npm run webhooks`): nothing was changed.
// Pure, so the CLI and the routes share it; a route answers it as is (it is an ApiError).

export const webhookErrorStatus = {
  invalid: 400,
  not_found: 404,
  duplicate_name: 409,
  revoked: 409,
  not_configured: 503,
} as const;

export type WebhookErrorCode = keyof typeof webhookErrorStatus;

export class WebhookError extends ApiError {
  declare readonly code: WebhookErrorCode;
  constructor(code: WebhookErrorCode, message: string, fields: FieldIssue[] = []) {
    super({ code, message, status: webhookErrorStatus[code], fields });
    this.name = 'WebhookError';
  }
}

/** Without APP_SECRET no signing secret can be stored or read. */
export const notConfigured = () =>
  new WebhookError(
    'not_configured',
    'Set APP_SECRET (at least 32 characters) on the server first: signing secrets are ' +
      'stored encrypted under it.',
  );
