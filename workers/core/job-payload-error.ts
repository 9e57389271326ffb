import type { z } from 'zod';

/** A job's payload does not match its schema: names the job and each bad field. */
export class JobPayloadError extends Error {
  readonly fields: { path: string; message: string }[];

  constructor(
    readonly job: string,
    error: z.ZodError,
  ) {
    const fields = error.issues.map((issue) => ({
      path: issue.path.length > 0 ? issue.path.join('.') : '(payload)',
      message: issue.message,
    }));
    super(`job ${job}: bad payload: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
    this.name = 'JobPayloadError';
    this.fields = fields;
  }
}
