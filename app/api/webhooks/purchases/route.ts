// POST /api/webhooks/purchases – a shop's or CRM's purchase event (README "Purchase webhook").
// No session: the request is authenticated by X-Signature, an HMAC of its body under the
// secret of one of the sources added in Settings or with `npm run webhooks` (401 when it
// does not match or is more than five minutes old). A repeated event id of the same source
// is answered 200 and changes nothing.
import { defineSignedRoute } from '@/lib/api/define-signed-route';
import { appSecretOf } from '@/lib/env';
import { getDb } from '@/lib/server/db';
import { purchaseEvent } from '@/lib/webhooks/event';
import { receivePurchaseEvent, verifyDelivery } from '@/lib/webhooks/receive';
import { signatureHeader } from '@/lib/webhooks/signature';

export const dynamic = 'force-dynamic';

export const POST = defineSignedRoute(
  {
    signatureHeader,
    verify: ({ request, rawBody }) =>
      verifyDelivery(getDb(), request.headers.get(signatureHeader), rawBody, appSecretOf()),
    body: purchaseEvent,
    maxBodyBytes: 64 * 1024,
  },
  async ({ signer, body }) => {
    const received = await receivePurchaseEvent(getDb(), signer, body);
    return { result: received.duplicate ? 'already_received' : 'stored' };
  },
);
