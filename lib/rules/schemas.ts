import { z } from 'zod';
import { intIdSchema } from '../api/schemas';
import { ruleNoteSchema } from '../lifecycle/rule-note';
import { ruleParamsSchema } from '../lifecycle/rule-params';

// What the rules routes accept. Pure: the engine checks with the same schemas.

/** The [version] of …/draft/:version and …/versions/:version (rule_sets.version is an int). */
export const versionParamsSchema = z.object({ version: intIdSchema });

/** PUT /api/rules/draft/:version: every rule value. */
export const draftBodySchema = z.object({ params: ruleParamsSchema }).strict();

/** POST …/publish and …/rollback: why. */
export const noteBodySchema = z.object({ note: ruleNoteSchema }).strict();
