import { idColumn, communityIdColumn } from './columns';
import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

// Channel posts. Views are per post, never per fan: Telegram does not say who read what.
export const posts = pgTable(
  'posts',
  {
    id: idColumn(),
    communityId: communityIdColumn(),
    messageId: bigint('message_id', { mode: 'number' }).notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
    text: text('text'),
    views: integer('views').notNull().default(0),
    forwards: integer('forwards').notNull().default(0),
    reactions: integer('reactions').notNull().default(0),
    replies: integer('replies').notNull().default(0),
    // When the counters above were read; an older observation never overwrites a newer one.
    observedAt: timestamp('observed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('posts_community_message_key').on(t.communityId, t.messageId),
    index('posts_community_time_idx').on(t.communityId, t.postedAt),
  ],
);

export const postViewSnapshots = pgTable(
  'post_view_snapshots',
  {
    postId: bigint('post_id', { mode: 'number' })
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    views: integer('views').notNull(),
    forwards: integer('forwards').notNull(),
    reactions: integer('reactions').notNull(),
    replies: integer('replies').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.capturedAt] })],
);

export type Post = typeof posts.$inferSelect;
