import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { ingestBatch } from '../ingest';
import { addWebhookSource, revokeWebhookSource } from '../webhooks/sources';
import { linkCustomer } from './customer-links';
import { customerLinkToken, customerOfLinkToken, parseLinkToken } from './link-token';
import { orderFact, order } from './order';

const appSecret = 'link-token-test-secret-0123456789abcdef';

describe('the shop’s signed deep link', () => {
  let db: Database;
  let source: number;
  let secret: string;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    const added = await addWebhookSource(db, { name: 'Shop' }, appSecret);
    source = added.source.id;
    secret = added.secret;
  });

  it('fits Telegram’s /start payload and round-trips the customer id', () => {
    const token = customerLinkToken(secret, source, 'C-10042');
    expect(token).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(parseLinkToken(token)?.customerId).toBe('C-10042');
    expect(() => customerLinkToken(secret, source, 'x'.repeat(40))).toThrow(/too long/);
  });

  it('names the customer only when the source’s current secret signed it', async () => {
    const token = customerLinkToken(secret, source, 'C-10042');
    expect(await customerOfLinkToken(db, token, appSecret)).toBe('C-10042');
    const forged = customerLinkToken('another-secret', source, 'C-10042');
    expect(await customerOfLinkToken(db, forged, appSecret)).toBeNull();
    // The signature of one customer does not carry over to another.
    const swapped = token.slice(0, -8) + Buffer.from('C-1').toString('base64url');
    expect(await customerOfLinkToken(db, swapped, appSecret)).toBeNull();
    expect(await customerOfLinkToken(db, 'hello', appSecret)).toBeNull();
  });

  it('links the customer to the fan who opened it, by the bot', async () => {
    await ingestBatch(db, [
      { kind: 'fan', telegramUserId: 77, firstName: 'Wu' },
      orderFact(
        order.parse({
          id: 'o-9',
          customer_id: 'C-10042',
          amount: '12.00',
          currency: 'CNY',
          occurred_at: '2026-11-01T10:00:00Z',
        }),
        'paid',
      ),
    ]);
    const [fan] = await db.execute<{ id: string }>(
      sql`select id::text from fans where telegram_user_id = 77`,
    );
    const customer = await customerOfLinkToken(
      db,
      customerLinkToken(secret, source, 'C-10042'),
      appSecret,
    );
    await linkCustomer(db, {
      fanId: Number(fan!.id),
      customerKey: customer!,
      actorUserId: null,
      by: 'bot',
    });
    expect(
      await db.execute(sql`select linked_by from customers where customer_key = 'C-10042'`),
    ).toEqual([{ linked_by: 'bot' }]);
  });

  it('stops working once the source is revoked', async () => {
    const token = customerLinkToken(secret, source, 'C-10042');
    await revokeWebhookSource(db, source);
    expect(await customerOfLinkToken(db, token, appSecret)).toBeNull();
  });
});
