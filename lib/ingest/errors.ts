import { ApiError, type FieldIssue } from '../api/errors';

export interface IngestProblem {
  /** Position of the record in the batch. */
  index: number;
  /** Field path inside the record, empty for the record as a whole. */
  path: string;
  message: string;
}

/** Field issues beyond this many are counted in the message, not listed. */
const LISTED = 100;

/**
 * The batch was refused as a whole; nothing of it was written. A route that lets it through
 * answers 400 with each record's reason (`records.<index>.<field>`).
 */
export class IngestRejectedError extends ApiError {
  constructor(readonly problems: IngestProblem[]) {
    const shown = problems
      .slice(0, 5)
      .map((p) => `record ${p.index}${p.path ? ` (${p.path})` : ''}: ${p.message}`);
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    super({
      code: 'ingest_rejected',
      status: 400,
      message: `Ingest batch rejected: ${shown.join('; ')}${more}`,
      fields: problems.slice(0, LISTED).map((p): FieldIssue => ({
        path: ['records', p.index, p.path].filter((x) => x !== '').join('.'),
        code: 'invalid',
        message: p.message,
      })),
    });
    this.name = 'IngestRejectedError';
  }
}
