// POST /api/settings/webhooks/:id/rotate – {overlapHours?}: a new secret for the source,
// answered this once; its current secrets keep signing for the overlap (default 24 hours,
// 0 ends them now). Admins only; audited without the secret. Refused (409) when revoked.
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/api/define-route';
import { appSecretOf } from '@/lib/env';
import { getDb } from '@/lib/server/db';
import { rotateSchema, sourceIdParams } from '@/lib/webhooks/schemas';
import { rotateWebhookSecret } from '@/lib/webhooks/sources';

export const dynamic = 'force-dynamic';

export const POST = defineRoute(
  { permission: 'settings', params: sourceIdParams, body: rotateSchema },
  async ({ params, body, user }) => {
    const issued = await rotateWebhookSecret(getDb(), params.id, body, appSecretOf(), {
      actorUserId: user.id,
    });
    return NextResponse.json(issued, { headers: { 'cache-control': 'no-store' } });
  },
);
