import { z } from 'zod';
import { idSchema, nameSchema } from '../api/schemas';
import { defaultOverlapHours, maxOverlapHours } from './types';

// What a webhook source change accepts, for the routes' bodies and lib/webhooks/sources.ts
// alike (the CLI goes through the latter). Pure.

export const sourceNameSchema = nameSchema(100);

export const newSourceSchema = z.strictObject({ name: sourceNameSchema });
export type NewSource = z.input<typeof newSourceSchema>;

export const overlapHoursSchema = z
  .number({ error: 'must be a whole number of hours' })
  .int('must be a whole number of hours')
  .min(0, 'must be at least 0')
  .max(maxOverlapHours, `must be at most ${maxOverlapHours} hours (30 days)`);

export const rotateSchema = z.strictObject({
  overlapHours: overlapHoursSchema.default(defaultOverlapHours),
});
export type Rotation = z.input<typeof rotateSchema>;

export const sourceIdParams = z.strictObject({ id: idSchema });
