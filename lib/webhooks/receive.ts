import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { ApiError, type FieldIssue } from '../api/errors';
import { ingestBatch, IngestRejectedError, type IngestResult } from '../ingest';
import { orderFact } from '../revenue/order';
import { statusOfEvent, type PurchaseEvent } from './event';
import { signingSecrets } from './sources';
import { notConfigured } from './errors';
import {
  matches,
  parseSignature,
  skewOf,
  toleranceSeconds,
  type ParsedSignature,
} from './signature';

// A purchase webhook delivery, once its signature is read: which source signed it (each
// secret that signs now is tried, every comparison in constant time), then the event
// recorded and its order ingested in one transaction, so a repeat (same source and event
// id) is found atomically and changes nothing.

/** The source whose current secret made one of the signatures, or null. */
export async function signingSource(
  db: Database,
  signature: ParsedSignature,
  body: Uint8Array,
  appSecret: string,
): Promise<number | null> {
  let found: number | null = null;
  // Every secret is tried, so the time taken does not tell which one matched.
  for (const { sourceId, secret } of await signingSecrets(db, appSecret))
    if (matches(signature, secret, body) && found === null) found = sourceId;
  return found;
}

const refused = (message: string) =>
  new ApiError({ code: 'invalid_signature', status: 401, message });

/**
 * The source that signed a delivery: its X-Signature read, `t` within five minutes of
 * `nowMs`, one of its v1= signatures made with a secret that signs now. Throws a 401
 * (`invalid_signature`, `stale_signature`) otherwise, or a 503 without APP_SECRET.
 */
export async function verifyDelivery(
  db: Database,
  header: string | null,
  rawBody: Uint8Array,
  appSecret: string | null,
  nowMs = Date.now(),
): Promise<number> {
  const signature = parseSignature(header);
  if (!signature.ok) throw refused(signature.reason);
  const skew = skewOf(signature.value.t, nowMs);
  if (Math.abs(skew) > toleranceSeconds)
    throw new ApiError({
      code: 'stale_signature',
      status: 401,
      message:
        `t is ${Math.abs(skew)} seconds ${skew > 0 ? 'behind' : 'ahead of'} the server's clock, ` +
        `more than ${toleranceSeconds}: sign each delivery (a retry too) when sending it`,
    });
  if (!appSecret) throw notConfigured();
  const source = await signingSource(db, signature.value, rawBody, appSecret);
  if (source === null)
    throw refused('No v1 signature matches a current secret of a webhook source');
  return source;
}

export type Received =
  { duplicate: false; ingest: IngestResult } | { duplicate: true; ingest: null };

// Ingest names an order's fields as the purchase fact does; the sender knows them as sent.
const orderFieldOf: Record<string, string> = {
  orderId: 'order.id',
  customer: 'order.customer_id',
  fan: 'order.telegram_user_id',
  amount: 'order.amount',
  currency: 'order.currency',
  at: 'order.occurred_at',
};

/** Records the event and ingests its order; a repeat of the source's event id writes nothing. */
export async function receivePurchaseEvent(
  db: Database,
  sourceId: number,
  event: PurchaseEvent,
): Promise<Received> {
  try {
    return await db.transaction(async (tx) => {
      const [stored] = await tx.execute<{ event_id: string }>(sql`
        insert into webhook_events (source_id, event_id, type, order_id)
        values (${sourceId}, ${event.id}, ${event.type}, ${event.order.id})
        on conflict (source_id, event_id) do nothing
        returning event_id`);
      if (!stored) return { duplicate: true, ingest: null };
      const ingest = await ingestBatch(tx, [orderFact(event.order, statusOfEvent[event.type])]);
      return { duplicate: false, ingest };
    });
  } catch (error) {
    if (!(error instanceof IngestRejectedError)) throw error;
    const fields = error.problems.map((p): FieldIssue => ({
      path: orderFieldOf[p.path.split('.')[0]!] ?? 'order',
      code: 'invalid',
      message: p.message,
    }));
    throw new ApiError({
      code: 'invalid',
      message: `Invalid event: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
      fields,
    });
  }
}
