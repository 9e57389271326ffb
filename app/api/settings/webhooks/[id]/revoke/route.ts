// POST /api/settings/webhooks/:id/revoke – no secret of the source signs any more, at once.
// Admins only; audited. Revoking a revoked source changes nothing.
import { defineRoute } from '@/lib/api/define-route';
import { getDb } from '@/lib/server/db';
import { sourceIdParams } from '@/lib/webhooks/schemas';
import { revokeWebhookSource } from '@/lib/webhooks/sources';

export const dynamic = 'force-dynamic';

export const POST = defineRoute(
  { permission: 'settings', params: sourceIdParams },
  async ({ params, user }) => ({
    source: await revokeWebhookSource(getDb(), params.id, { actorUserId: user.id }),
  }),
);
