// POST /api/rules/draft – the open draft, or a new one copied from the published rules
// (admin, operator).
import { defineRoute } from '@/lib/api/define-route';
import { startDraft } from '@/lib/lifecycle/rule-set-writes';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const POST = defineRoute({ permission: 'rules:write' }, async ({ user }) => {
  const draft = await startDraft(getDb(), { actorUserId: user.id });
  return { version: draft.version, params: draft.params };
});
