// POST /api/rules/versions/:version/rollback – {note}: publishes an earlier version's rules
// again as a new version, audited with the acting user. Admin and operator only.
import { defineRoute } from '@/lib/api/define-route';
import { rollbackTo } from '@/lib/lifecycle/rule-set-writes';
import { noteBodySchema, versionParamsSchema } from '@/lib/rules/schemas';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const POST = defineRoute(
  { permission: 'rules:write', params: versionParamsSchema, body: noteBodySchema },
  async ({ params, body, user }) => {
    const published = await rollbackTo(getDb(), {
      version: params.version,
      note: body.note,
      actorUserId: user.id,
    });
    return { version: published.version };
  },
);
