// POST /api/rules/draft/:version/publish – {note}: publishes the draft, audited with the
// acting user; refused (409) when it is no longer a draft or another version was published
// since it started. Admin and operator only.
import { defineRoute } from '@/lib/api/define-route';
import { publishDraft } from '@/lib/lifecycle/rule-set-writes';
import { noteBodySchema, versionParamsSchema } from '@/lib/rules/schemas';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const POST = defineRoute(
  { permission: 'rules:write', params: versionParamsSchema, body: noteBodySchema },
  async ({ params, body, user }) => {
    const published = await publishDraft(getDb(), {
      version: params.version,
      note: body.note,
      actorUserId: user.id,
    });
    return { version: published.version };
  },
);
