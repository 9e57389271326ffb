import { z } from 'zod';
import { idSchema } from '../api/schemas';
import { ruleNoteSchema } from '../lifecycle/rule-note';
import { ruleParamsSchema } from '../lifecycle/rule-params';

// What the rules routes accept. Pure: the engine checks with the same schemas.

/** rule_sets.version is a Postgres integer: a larger one could never exist. */
const maxVersion = 2_147_483_647;

/** The [version] of …/draft/:version and …/versions/:version. */
export const versionParamsSchema = z.object({
  version: idSchema.pipe(z.number().max(maxVersion, `must be at most ${maxVersion}`)),
});

/** PUT /api/rules/draft/:version: every rule value. */
export const draftBodySchema = z.object({ params: ruleParamsSchema }).strict();

/** POST …/publish and …/rollback: why. */
export const noteBodySchema = z.object({ note: ruleNoteSchema }).strict();
