import { requiredNoteSchema } from '../api/schemas';

export const ruleNoteMaxLength = 500;

/**
 * Why a version was published or rolled back to: 1–500 characters once trimmed, line breaks
 * allowed, no other control characters (a NUL would fail in Postgres). Routes and the
 * engine check with this one schema.
 */
export const ruleNoteSchema = requiredNoteSchema(ruleNoteMaxLength);
