import type { z } from 'zod';

// The one error shape of every route: `{ error: { code, message, fields?, ref? } }`.
// Pure: the server throws ApiError, the browser's fetch helper reads the same shape back.

/** HTTP status of each general code; domain codes (e.g. `stale_draft`) name their own. */
export const statusOfCode = {
  invalid: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const;

export type GeneralErrorCode = keyof typeof statusOfCode;

/**
 * Why one field was refused: `code` is zod's issue code, or the custom check's own
 * (`control_character`, `date_out_of_range`, `churn_after_at_risk` …); the limits let the
 * browser say it in the reader's language without re-checking the value.
 */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
  minimum?: number | string;
  maximum?: number | string;
  expected?: string;
  values?: unknown[];
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    fields?: FieldIssue[];
    /** For a server failure: the reference the admin finds in the server's log. */
    ref?: string;
  };
}

/** A request refused as asked (nothing was changed), or a server failure with its ref. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: FieldIssue[];
  readonly ref: string | undefined;
  constructor(init: {
    code: string;
    message: string;
    status?: number;
    fields?: FieldIssue[];
    ref?: string;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status =
      init.status ?? (statusOfCode as Record<string, number>)[init.code] ?? statusOfCode.invalid;
    this.fields = init.fields ?? [];
    this.ref = init.ref;
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields.length > 0 ? { fields: this.fields } : {}),
        ...(this.ref ? { ref: this.ref } : {}),
      },
    };
  }
}

const dotted = (path: readonly PropertyKey[], prefix?: string) =>
  [prefix, ...path.map(String)].filter((p) => p !== undefined && p !== '').join('.');

/** zod's issues as field issues, paths prefixed (`body`, `query`, `params`) when asked. */
export function fieldIssuesOf(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const out: FieldIssue = {
      path: dotted(issue.path, prefix),
      code: issue.code,
      message: issue.message,
    };
    if (issue.code === 'custom' && typeof issue.params?.code === 'string')
      out.code = issue.params.code;
    if (issue.code === 'custom' && issue.params?.minimum !== undefined)
      out.minimum = issue.params.minimum as number;
    if (issue.code === 'custom' && issue.params?.maximum !== undefined)
      out.maximum = issue.params.maximum as number;
    if (issue.code === 'too_small') out.minimum = Number(issue.minimum);
    if (issue.code === 'too_big') out.maximum = Number(issue.maximum);
    if (issue.code === 'invalid_type') out.expected = issue.expected;
    if (issue.code === 'invalid_value') out.values = issue.values as unknown[];
    if (issue.code === 'invalid_format') out.expected = issue.format;
    return out;
  });
}

/** One line naming every refused field, for the message beside `fields`. */
export function summarizeIssues(fields: FieldIssue[]): string {
  return fields.map((f) => `${f.path || 'input'}: ${f.message}`).join('; ');
}

/** A 400 `invalid` for a zod failure, its fields named under `prefix`. */
export function invalidInput(error: z.ZodError, prefix?: string): ApiError {
  const fields = fieldIssuesOf(error, prefix);
  return new ApiError({
    code: 'invalid',
    message: `Invalid request: ${summarizeIssues(fields)}`,
    fields,
  });
}
