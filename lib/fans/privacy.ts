import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditFan } from './audit';
import { FanError } from './errors';
import { assertFan, isoUtc } from './profile';

// Privacy requests for one fan (DESIGN §6): a JSON export of everything we hold about it,
// and erasure. Erasure removes what identifies the person and what they wrote, and keeps
// the anonymous facts (event rows, daily rollups, purchase amounts, stage history) so
// every count and chart stays as it was. README "Fan lookup and privacy" says why each
// field goes or stays. Both are written to audit_log: who, which fan, when, never the
// personal data itself.

/**
 * Payload keys an erased fan's events keep: message ids and reply targets (the same ids
 * the source keys already hold), reaction emoji and invite counts. Everything else, the
 * message text above all and whatever a future source may add, is removed.
 */
export const anonymousPayloadKeys = ['message_id', 'reply_to', 'reaction', 'emoji', 'members'];

export interface FanExport {
  format: 'fan-lifecycle.fan-export.v1';
  exportedAt: string;
  fan: Record<string, unknown>;
  externalIds: Record<string, unknown>[];
  memberships: Record<string, unknown>[];
  events: Record<string, unknown>[];
  purchases: Record<string, unknown>[];
  stageHistory: Record<string, unknown>[];
  currentStage: Record<string, unknown> | null;
  tags: Record<string, unknown>[];
}

const rows = async (db: Executor, query: ReturnType<typeof sql>) =>
  [...(await db.execute<Record<string, unknown>>(query))].map((r) => ({ ...r }));

/** Everything held about the fan, as JSON; audited as fan.export (counts only). */
export async function exportFan(
  db: Executor,
  fanId: number,
  { actorUserId, now = new Date() }: { actorUserId: number | null; now?: Date },
): Promise<FanExport> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`);
    const [fan] = await rows(
      tx,
      sql`select id, telegram_user_id, username, first_name, last_name, language_code, is_bot,
        ${isoUtc('first_seen_at')} as first_seen_at, ${isoUtc('created_at')} as created_at,
        ${isoUtc('erased_at')} as erased_at
      from fans where id = ${fanId}`,
    );
    if (!fan) throw new FanError('not_found', `No fan #${fanId}`);
    if (fan.erased_at) fan.telegram_user_id = null;
    const [externalIds, memberships, events, purchases, stageHistory, current, tags] =
      await Promise.all([
        rows(
          tx,
          sql`select system, external_id from fan_external_ids where fan_id = ${fanId} order by system`,
        ),
        rows(
          tx,
          sql`select m.id, c.title as community, c.telegram_id as community_telegram_id, m.action,
            ${isoUtc('m.occurred_at')} as at, m.source, m.invited_by_fan_id, m.invite_link
          from memberships m join communities c on c.id = m.community_id
          where m.fan_id = ${fanId} order by m.occurred_at, m.id`,
        ),
        rows(
          tx,
          sql`select e.id, e.type, c.title as community, c.telegram_id as community_telegram_id,
            ${isoUtc('e.occurred_at')} as at, e.value::text as value, e.payload
          from events e join communities c on c.id = e.community_id
          where e.fan_id = ${fanId} order by e.occurred_at, e.id`,
        ),
        rows(
          tx,
          sql`select p.id, p.order_id, p.amount::text as amount, p.currency,
            ${isoUtc('p.occurred_at')} as at, c.title as community
          from purchases p left join communities c on c.id = p.community_id
          where p.fan_id = ${fanId} order by p.occurred_at, p.id`,
        ),
        rows(
          tx,
          sql`select id, from_stage, to_stage, ${isoUtc('changed_at')} as at, rule_set_version, features
          from fan_stage_history where fan_id = ${fanId} order by changed_at, id`,
        ),
        rows(
          tx,
          sql`select stage, rule, ${isoUtc('since')} as since from fan_lifecycle where fan_id = ${fanId}`,
        ),
        rows(
          tx,
          sql`select t.name, ${isoUtc('ft.added_at')} as added_at
          from fan_tags ft join tags t on t.id = ft.tag_id where ft.fan_id = ${fanId} order by lower(t.name), t.id`,
        ),
      ]);
    await auditFan(tx, {
      actorUserId,
      action: 'fan.export',
      fanId,
      after: {
        events: events.length,
        memberships: memberships.length,
        purchases: purchases.length,
        stageChanges: stageHistory.length,
      },
    });
    return {
      format: 'fan-lifecycle.fan-export.v1',
      exportedAt: now.toISOString(),
      fan,
      externalIds,
      memberships,
      events,
      purchases,
      stageHistory,
      currentStage: current[0] ?? null,
      tags,
    };
  });
}

export interface EraseResult {
  /** False when the fan had been erased already: nothing was changed this time. */
  erased: boolean;
  erasedAt: string;
}

/** The words the person must type to confirm an erasure: the fan's number. */
export const eraseConfirmation = (fanId: number) => `#${fanId}`;

/**
 * Erases the fan's personal data (see the module comment). `confirm` must be
 * eraseConfirmation(fanId). Idempotent: erasing an erased fan changes nothing and writes
 * no second audit row.
 */
export async function eraseFan(
  db: Executor,
  fanId: number,
  { actorUserId, confirm }: { actorUserId: number | null; confirm: unknown },
): Promise<EraseResult> {
  if (typeof confirm !== 'string' || confirm.trim() !== eraseConfirmation(fanId))
    throw new FanError(
      'confirm_mismatch',
      `To erase, confirm with the fan's number "${eraseConfirmation(fanId)}"`,
    );
  return db.transaction(async (tx) => {
    await assertFan(tx, fanId, { lock: true });
    // The fan row is locked: a concurrent erase waits here and then finds it erased.
    const [already] = await tx.execute<{ erased_at: string | null }>(
      sql`select ${isoUtc('erased_at')} as erased_at from fans where id = ${fanId}`,
    );
    if (already?.erased_at) return { erased: false, erasedAt: already.erased_at };

    const keep = sql`array[${sql.join(
      anonymousPayloadKeys.map((k) => sql`${k}`),
      sql`, `,
    )}]::text[]`;
    const payloads = await tx.execute(sql`
      update events e set payload = (
        select jsonb_object_agg(key, value) from jsonb_each(e.payload) where key = any(${keep}))
      where e.fan_id = ${fanId} and e.payload is not null
        and exists (select 1 from jsonb_object_keys(e.payload) k where k <> all(${keep}))
      returning e.id`);
    const externalIds = await tx.execute(
      sql`delete from fan_external_ids where fan_id = ${fanId} returning system`,
    );
    const tags = await tx.execute(
      sql`delete from fan_tags where fan_id = ${fanId} returning tag_id`,
    );
    const inviteLinks = await tx.execute(sql`
      update memberships set invite_link = null
      where fan_id = ${fanId} and invite_link is not null returning id`);
    // The Telegram id goes too: it names the person, and while the row kept it the next
    // sync's profile of that user would write the name back. Negative ids never come from
    // Telegram (ingest accepts positive user ids only), so -id is unique and inert; a
    // later fact of that Telegram user makes a new fan.
    const [fan] = await tx.execute<{ erased_at: string }>(sql`
      update fans set username = null, first_name = null, last_name = null,
        language_code = null, telegram_user_id = -id, erased_at = now()
      where id = ${fanId}
      returning ${isoUtc('erased_at')} as erased_at`);
    await auditFan(tx, {
      actorUserId,
      action: 'fan.erase',
      fanId,
      after: {
        removed: {
          externalIds: externalIds.length,
          tags: tags.length,
          eventPayloads: payloads.length,
          inviteLinks: inviteLinks.length,
        },
      },
    });
    return { erased: true, erasedAt: fan!.erased_at };
  });
}
