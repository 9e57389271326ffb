export interface IngestProblem {
  /** Position of the record in the batch. */
  index: number;
  /** Field path inside the record, empty for the record as a whole. */
  path: string;
  message: string;
}

/** The batch was refused as a whole; nothing of it was written. */
export class IngestRejectedError extends Error {
  constructor(readonly problems: IngestProblem[]) {
    const shown = problems
      .slice(0, 5)
      .map((p) => `record ${p.index}${p.path ? ` (${p.path})` : ''}: ${p.message}`);
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    super(`Ingest batch rejected: ${shown.join('; ')}${more}`);
    this.name = 'IngestRejectedError';
  }
}
