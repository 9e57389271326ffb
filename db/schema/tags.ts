import { idColumn, fanIdColumn } from './columns';
import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const tags = pgTable('tags', {
  id: idColumn(),
  name: text('name').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const fanTags = pgTable(
  'fan_tags',
  {
    fanId: fanIdColumn(),
    tagId: bigint('tag_id', { mode: 'number' })
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    addedBy: bigint('added_by', { mode: 'number' }).references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fanId, t.tagId] })],
);
