/** A rule-set operation refused as asked: nothing was changed. */
export class RuleSetError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_draft' | 'stale_draft' | 'invalid',
    message: string,
    /** For `invalid`: the message for each offending field, by field name. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RuleSetError';
  }
}
