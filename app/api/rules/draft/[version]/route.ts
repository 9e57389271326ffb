// PUT /api/rules/draft/:version – {params}: saves every value of the draft (400 with each
// refused field's code and limits, nothing saved). DELETE discards the draft. Admin and
// operator only.
import { defineRoute } from '@/lib/api/define-route';
import { discardDraft, updateDraft } from '@/lib/lifecycle/rule-set-writes';
import { draftBodySchema, versionParamsSchema } from '@/lib/rules/schemas';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const PUT = defineRoute(
  { permission: 'rules:write', params: versionParamsSchema, body: draftBodySchema },
  async ({ params, body, user }) => {
    const draft = await updateDraft(getDb(), params.version, body.params, {
      actorUserId: user.id,
    });
    return { version: draft.version, params: draft.params };
  },
);

export const DELETE = defineRoute(
  { permission: 'rules:write', params: versionParamsSchema },
  async ({ params, user }) => {
    await discardDraft(getDb(), { version: params.version, actorUserId: user.id });
    return { discarded: params.version };
  },
);
