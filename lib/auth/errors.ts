/** A user operation refused as asked: nothing was changed. */
export class UserError extends Error {
  constructor(
    readonly code: 'invalid' | 'duplicate_email',
    message: string,
    /** For `invalid`: the message for each offending field, by field name. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'UserError';
  }
}
