import { z } from 'zod';
import { idSchema, nameSchema, timeSchema, wholeNumberParam } from '../api/schemas';

// The Audit page's filters and its keyset cursor. Pure: the page builds the same query.

export const auditPageSize = 50;

// Rows are numbered in the order they were written, so the keyset is the id alone: the
// next page starts below the last id shown (time filters still read `at`).

export const auditQuerySchema = z.object({
  actor: idSchema.optional(),
  action: nameSchema(100).optional(),
  from: timeSchema.optional(),
  to: timeSchema.optional(),
  after: idSchema.optional(),
  limit: wholeNumberParam(1, 500).optional(),
  format: z.enum(['json', 'csv']).optional(),
});

export type AuditQuery = z.output<typeof auditQuerySchema>;
