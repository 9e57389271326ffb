import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { lockForErasure, recordErasedPerson } from '../ingest/erased-people';
import { FanError } from './errors';
import { assertFan, isoUtc } from './profile';

// A privacy request for one fan (DESIGN §6): erasure. It removes what names the person
// (name, username, language, Telegram id, customer ids, order ids, the source keys that
// carry the Telegram id), what they wrote (event_texts, and every payload key but the
// anonymous ones) and support's notes (tags), and keeps the anonymous facts (event rows,
// daily rollups, purchase amounts, memberships, stage history) so every count and chart
// stays as it was. The person is listed in erased_people (a keyed hash), so ingest never
// brings them back. README "Fan lookup and privacy" says what stays. Audited as fan.erase:
// who, which fan, when, how much.

/**
 * Payload keys an erased fan's events keep: message ids and reply targets, reaction emoji
 * and invite counts. Everything else, whatever a future source may add, is removed.
 */
export const anonymousPayloadKeys = ['message_id', 'reply_to', 'reaction', 'emoji', 'members'];

export interface EraseResult {
  /** False when the fan had been erased already: nothing was changed this time. */
  erased: boolean;
  erasedAt: string;
}

/** The words the person must type to confirm an erasure: the fan's number. */
export const eraseConfirmation = (fanId: number) => `#${fanId}`;

const count = async (query: Promise<unknown[]>) => (await query).length;

/** Every fact key of the fan becomes `erased:<table>:<row id>`: the old ones name the person. */
async function rewriteKeys(tx: Executor, fanId: number) {
  const [events, memberships, purchases] = [
    await count(
      tx.execute(sql`update events set source_key = 'erased:event:' || id
        where fan_id = ${fanId} returning id`),
    ),
    await count(
      tx.execute(sql`update memberships set source_key = 'erased:membership:' || id,
        invite_link = null where fan_id = ${fanId} returning id`),
    ),
    // The order id names the buyer in the shop; amount, currency and time stay.
    await count(
      tx.execute(sql`update purchases set source_key = 'erased:purchase:' || id, order_id = ''
        where fan_id = ${fanId} returning id`),
    ),
  ];
  return { events, memberships, purchases };
}

/**
 * Erases the fan's personal data (see the module comment). `confirm` must be
 * eraseConfirmation(fanId). Idempotent: erasing an erased fan changes nothing and writes
 * no second audit row.
 */
export async function eraseFan(
  db: Executor,
  fanId: number,
  { actorUserId, confirm }: { actorUserId: number | null; confirm: string },
): Promise<EraseResult> {
  if (confirm.trim() !== eraseConfirmation(fanId)) {
    const message = `To erase, confirm with the fan's number "${eraseConfirmation(fanId)}"`;
    throw new FanError('confirm_mismatch', message, [
      {
        path: 'body.confirm',
        code: 'confirm_mismatch',
        message,
        expected: eraseConfirmation(fanId),
      },
    ]);
  }
  return db.transaction(async (tx) => {
    // Before any row lock: a batch being written may wait on this fan's row.
    await lockForErasure(tx);
    await assertFan(tx, fanId, { lock: true });
    // The fan row is locked: a concurrent erase waits here and then finds it erased.
    const [fan] = await tx.execute<{ telegram_user_id: number; erased_at: string | null }>(
      sql`select telegram_user_id, ${isoUtc('erased_at')} as erased_at from fans where id = ${fanId}`,
    );
    if (fan!.erased_at) return { erased: false, erasedAt: fan!.erased_at };
    await recordErasedPerson(tx, Number(fan!.telegram_user_id));

    const keep = sql`array[${sql.join(
      anonymousPayloadKeys.map((k) => sql`${k}`),
      sql`, `,
    )}]::text[]`;
    const eventPayloads = await count(
      tx.execute(sql`
        update events e set payload = (
          select jsonb_object_agg(key, value) from jsonb_each(e.payload) where key = any(${keep}))
        where e.fan_id = ${fanId} and e.payload is not null
          and exists (select 1 from jsonb_object_keys(e.payload) k where k <> all(${keep}))
        returning e.id`),
    );
    const messageTexts = await count(
      tx.execute(sql`delete from event_texts where fan_id = ${fanId} returning event_id`),
    );
    const externalIds = await count(
      // The shop's customer ids go; the customers stay linked, so their anonymous
      // purchases still count for the fan.
      tx.execute(sql`update customers set customer_key = 'erased:customer:' || id
        where fan_id = ${fanId} returning id`),
    );
    const tags = await count(
      tx.execute(sql`delete from fan_tags where fan_id = ${fanId} returning tag_id`),
    );
    const inviteLinks = await count(
      tx.execute(
        sql`select id from memberships where fan_id = ${fanId} and invite_link is not null`,
      ),
    );
    const sourceKeys = await rewriteKeys(tx, fanId);
    // -id: ingest takes positive user ids only, so it is unique and names nobody.
    const [erased] = await tx.execute<{ erased_at: string }>(sql`
      update fans set username = null, first_name = null, last_name = null,
        language_code = null, telegram_user_id = -id, erased_at = now()
      where id = ${fanId}
      returning ${isoUtc('erased_at')} as erased_at`);
    await recordAudit(tx, {
      actorUserId,
      action: 'fan.erase',
      entity: 'fan',
      entityId: fanId,
      after: {
        removed: {
          externalIds,
          tags,
          messageTexts,
          eventPayloads,
          inviteLinks,
          orderIds: sourceKeys.purchases,
          sourceKeys: sourceKeys.events + sourceKeys.memberships + sourceKeys.purchases,
        },
      },
    });
    return { erased: true, erasedAt: erased!.erased_at };
  });
}
