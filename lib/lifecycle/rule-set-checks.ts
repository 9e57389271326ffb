import { fieldIssuesOf, summarizeIssues } from '../api/errors';
import { RuleSetError } from './errors';
import { ruleNoteSchema } from './rule-note';
import { ruleParamsSchema, type RuleParams } from './rule-params';

// The engine's own checks of what a change brings, with the same schemas as the routes:
// CLIs and scripts change rules without a route in front.

/** Checks rule values; throws a RuleSetError with every offending field's code and limits. */
export function parseRuleParams(input: unknown): RuleParams {
  const parsed = ruleParamsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = fieldIssuesOf(parsed.error, 'params');
  throw new RuleSetError('invalid', `Invalid rules: ${summarizeIssues(fields)}`, fields);
}

/** A publish or rollback note, trimmed; a RuleSetError naming `note` otherwise. */
export function checkRuleNote(note: string): string {
  const parsed = ruleNoteSchema.safeParse(note);
  if (parsed.success) return parsed.data;
  const fields = fieldIssuesOf(parsed.error, 'note');
  throw new RuleSetError('invalid', `Invalid note: ${summarizeIssues(fields)}`, fields);
}
