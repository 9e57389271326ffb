import { sql } from 'drizzle-orm';
import {
  idColumn,
  sourceKeyColumn,
  fanIdColumn,
  communityIdColumn,
  factFanIdColumn,
  factCommunityIdColumn,
} from './columns';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { fans } from './fans';

// Every kind of fan-attributable interaction that counts as an engagement (DESIGN §5).
export const eventTypes = [
  'message',
  'reply',
  'reaction',
  'poll_vote',
  'bot_interaction',
  'link_click',
  'invite',
] as const;
export const eventType = pgEnum('event_type', eventTypes);
export type EventType = (typeof eventTypes)[number];

export const events = pgTable(
  'events',
  {
    id: idColumn(),
    sourceKey: sourceKeyColumn(),
    fanId: factFanIdColumn(),
    communityId: factCommunityIdColumn(),
    type: eventType('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    value: numeric('value'),
    payload: jsonb('payload').$type<Record<string, unknown>>(),
  },
  (t) => [
    // No (community, time) index: nothing reads events by community, and each index is
    // paid on every event ingested. Migration 0026 adds INCLUDE (type), which drizzle
    // cannot declare, so the lifecycle engine's reads by fan are index-only.
    index('events_fan_community_time_idx').on(t.fanId, t.communityId, t.occurredAt),
  ],
);

// What a fan wrote, one row per message or reply that had text, beside events rather than
// in its payload: events is the hot table (tens of millions of rows, read by the lifecycle
// engine through (fan, community, time)), and text inline would make its heap several
// times larger for every scan that never reads it. Keyed by fan first, like every large
// table, so an erasure deletes one index range. No foreign key, as for events' own ids.
export const eventTexts = pgTable(
  'event_texts',
  {
    fanId: factFanIdColumn(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    text: text('text').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fanId, t.eventId] }),
    // lib/ingest/message-text.ts caps it; char_length counts code points, as the cap does.
    check('event_texts_text_length', sql`char_length(${t.text}) between 1 and 4096`),
  ],
);

export const membershipActions = ['join', 'leave'] as const;
export const membershipAction = pgEnum('membership_action', membershipActions);
export const membershipSources = ['admin_log', 'participants', 'live', 'export', 'demo'] as const;
export const membershipSource = pgEnum('membership_source', membershipSources);

// One row per observed join or leave: the membership's history, not only its state,
// because the stage rules ask "what was the latest record up to T".
export const memberships = pgTable(
  'memberships',
  {
    id: idColumn(),
    sourceKey: sourceKeyColumn(),
    fanId: fanIdColumn(),
    communityId: communityIdColumn(),
    action: membershipAction('action').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    invitedByFanId: bigint('invited_by_fan_id', { mode: 'number' }).references(() => fans.id, {
      onDelete: 'set null',
    }),
    inviteLink: text('invite_link'),
    source: membershipSource('source').notNull(),
  },
  (t) => [index('memberships_fan_community_time_idx').on(t.fanId, t.communityId, t.occurredAt)],
);

// Per fan, per community, per calendar day in the community's time zone. Maintained in
// the same transaction as the events it counts, never recomputed in the hot path.
export const fanDaily = pgTable(
  'fan_daily',
  {
    fanId: factFanIdColumn(),
    communityId: factCommunityIdColumn(),
    day: date('day', { mode: 'string' }).notNull(),
    engagements: integer('engagements').notNull().default(0),
    messages: integer('messages').notNull().default(0),
    reactions: integer('reactions').notNull().default(0),
    pollVotes: integer('poll_votes').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
    botActions: integer('bot_actions').notNull().default(0),
    invites: integer('invites').notNull().default(0),
    // Exact first and last engagement of the day, so "silence as of T" stays exact.
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fanId, t.communityId, t.day] }),
    index('fan_daily_community_day_idx').on(t.communityId, t.day),
  ],
);

export type Event = typeof events.$inferSelect;
export type EventText = typeof eventTexts.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type FanDaily = typeof fanDaily.$inferSelect;
