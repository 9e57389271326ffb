import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { FanError } from './errors';
import { isoUtc } from './profile';

// A privacy request for one fan (DESIGN §6): everything we hold about it, as JSON. Audited
// as fan.export: who, which fan, when, and how much, never the data itself.

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
          sql`select 'shop' as system, customer_key as external_id from customers
            where fan_id = ${fanId} and customer_key not like 'erased:%' order by customer_key`,
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
            ${isoUtc('e.occurred_at')} as at, e.value::text as value, e.payload, t.text
          from events e join communities c on c.id = e.community_id
            left join event_texts t on t.fan_id = e.fan_id and t.event_id = e.id
          where e.fan_id = ${fanId} order by e.occurred_at, e.id`,
        ),
        rows(
          tx,
          sql`select p.id, nullif(p.order_id, '') as order_id, p.amount::text as amount, p.currency,
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
    await recordAudit(tx, {
      actorUserId,
      action: 'fan.export',
      entity: 'fan',
      entityId: fanId,
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
