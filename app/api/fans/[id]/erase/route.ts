// POST /api/fans/:id/erase {confirm: "#<id>"} – erases the fan's personal data (privacy
// requests), keeping the anonymous counts; audited as fan.erase. Erasing twice is a no-op.
import { defineRoute } from '@/lib/api/define-route';
import { eraseFan } from '@/lib/fans/erase-fan';
import { eraseBody, fanParams } from '@/lib/fans/schemas';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const POST = defineRoute(
  { permission: 'privacy', params: fanParams, body: eraseBody },
  async ({ params, body, user }) =>
    eraseFan(getDb(), params.id, { actorUserId: user.id, confirm: body.confirm }),
);
