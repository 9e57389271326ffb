import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { EventType, Stage } from '../../db/schema';
import { encodeCursor, type TimelineKind, type TimelinePosition } from './timeline-cursor';

// One fan's timeline: its events, purchases and stage changes merged, newest first, in
// keyset pages. The order is (time, kind, id) descending, a total order even when many
// entries share a time; a page's cursor is the last entry's key and the next page starts
// strictly after it, so pages never overlap or skip (no OFFSET). Bot messages have no
// table yet (playbooks come later), so none appear.

// Ties on time are broken by this rank (descending), then by id.
const kindRank: Record<TimelineKind, number> = { event: 1, purchase: 2, stage: 3 };

interface Base {
  id: number;
  /** ISO time with microseconds, as stored. */
  at: string;
}

export interface EventEntry extends Base {
  kind: 'event';
  type: EventType;
  community: { id: number; title: string };
  /** What the fan wrote, for a message or reply with text (event_texts); null once erased. */
  text: string | null;
  /** The reaction's emoji (or its custom emoji id). */
  reaction: string | null;
  /** For an invite: how many fans it added. */
  members: number | null;
}

export interface PurchaseEntry extends Base {
  kind: 'purchase';
  /** A refund's amount is negative. */
  status: 'paid' | 'refunded';
  amount: string;
  currency: string;
  /** Null once the fan was erased: an order id names the buyer in the shop. */
  orderId: string | null;
  community: { id: number; title: string } | null;
}

export interface StageEntry extends Base {
  kind: 'stage';
  from: Stage | null;
  to: Stage;
  ruleSetVersion: number;
  rule: string;
  features: Record<string, unknown>;
}

export type TimelineEntry = EventEntry | PurchaseEntry | StageEntry;

export interface TimelinePage {
  entries: TimelineEntry[];
  /** The cursor of the next (older) page, null when this was the last. */
  nextCursor: string | null;
}

export const timelinePageSize = 50;

const iso = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

type Row = { at: string; kind: TimelineKind; id: number; data: Record<string, unknown> };

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

function toEntry(r: Row): TimelineEntry {
  const d = r.data;
  const base = { id: Number(r.id), at: r.at };
  switch (r.kind) {
    case 'event': {
      const payload = (d.payload ?? {}) as Record<string, unknown>;
      return {
        ...base,
        kind: 'event',
        type: d.type as EventType,
        community: { id: Number(d.community_id), title: String(d.community_title) },
        text: str(d.text),
        reaction: str(payload.emoji) ?? str(payload.reaction),
        members: typeof payload.members === 'number' ? payload.members : null,
      };
    }
    case 'purchase':
      return {
        ...base,
        kind: 'purchase',
        status: d.status === 'refunded' ? 'refunded' : 'paid',
        amount: String(d.amount),
        currency: String(d.currency),
        orderId: str(d.order_id),
        community:
          d.community_id === null
            ? null
            : { id: Number(d.community_id), title: String(d.community_title) },
      };
    case 'stage': {
      const features = (d.features ?? {}) as Record<string, unknown>;
      return {
        ...base,
        kind: 'stage',
        from: (d.from_stage as Stage | null) ?? null,
        to: d.to_stage as Stage,
        ruleSetVersion: Number(d.rule_set_version),
        rule: String(features.rule ?? ''),
        features,
      };
    }
  }
}

/**
 * A page of the fan's timeline, newest first, older than `after` (a decoded cursor; from
 * the start without). Each source reads at most one page from its (fan, time) index
 * before the merge.
 */
export async function getTimeline(
  db: Executor,
  fanId: number,
  { after, limit = timelinePageSize }: { after?: TimelinePosition | null; limit?: number } = {},
): Promise<TimelinePage> {
  const before = (at: string, kind: TimelineKind) =>
    after
      ? sql`and (${sql.raw(at)}, ${kindRank[kind]}, id) < (${after.at}::timestamptz, ${kindRank[after.kind]}, ${after.id}::bigint)`
      : sql``;
  const n = limit + 1;
  const rows = await db.execute<Row>(sql`
    select at, kind, id, data from (
      (select ${iso('e.occurred_at')} as at, e.occurred_at as t, 'event' as kind, ${kindRank.event} as rank, e.id,
          jsonb_build_object('type', e.type, 'community_id', c.id, 'community_title', c.title,
            'payload', e.payload, 'text', t.text) as data
        from (select * from events where fan_id = ${fanId} ${before('occurred_at', 'event')}
              order by occurred_at desc, id desc limit ${n}) e
          join communities c on c.id = e.community_id
          left join event_texts t on t.fan_id = e.fan_id and t.event_id = e.id)
      union all
      (select ${iso('p.occurred_at')}, p.occurred_at, 'purchase', ${kindRank.purchase}, p.id,
          jsonb_build_object('amount', p.amount::text, 'currency', p.currency, 'order_id', p.order_id,
            'status', p.status,
            'community_id', c.id, 'community_title', c.title)
        from (select * from purchases where fan_id = ${fanId} ${before('occurred_at', 'purchase')}
              order by occurred_at desc, id desc limit ${n}) p
          left join communities c on c.id = p.community_id)
      union all
      (select ${iso('h.changed_at')}, h.changed_at, 'stage', ${kindRank.stage}, h.id,
          jsonb_build_object('from_stage', h.from_stage, 'to_stage', h.to_stage,
            'rule_set_version', h.rule_set_version, 'features', h.features)
        from (select * from fan_stage_history where fan_id = ${fanId} ${before('changed_at', 'stage')}
              order by changed_at desc, id desc limit ${n}) h)
    ) x
    order by t desc, rank desc, id desc
    limit ${n}`);
  const entries = rows.slice(0, limit).map(toEntry);
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
