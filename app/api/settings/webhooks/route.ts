// GET /api/settings/webhooks – the purchase webhook's sources and their secrets' validity
// (never a secret); POST – add one {name}, its secret answered this once. Admins only;
// every addition is audited with the acting admin.
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/api/define-route';
import { appSecretOf } from '@/lib/env';
import { getDb } from '@/lib/server/db';
import { newSourceSchema } from '@/lib/webhooks/schemas';
import { addWebhookSource, listWebhookSources } from '@/lib/webhooks/sources';
import type { WebhookSettings } from '@/lib/webhooks/types';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'settings' }, async (): Promise<WebhookSettings> => ({
  configured: appSecretOf() !== null,
  sources: await listWebhookSources(getDb()),
}));

export const POST = defineRoute(
  { permission: 'settings', body: newSourceSchema },
  async ({ body, user }) => {
    const issued = await addWebhookSource(getDb(), body, appSecretOf(), { actorUserId: user.id });
    return NextResponse.json(issued, { status: 201, headers: { 'cache-control': 'no-store' } });
  },
);
