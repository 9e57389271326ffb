import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  pgEnum,
  pgTable,
  text,
  timestamp,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

import { telegramAccounts } from './accounts';

export const communityKind = pgEnum('community_kind', ['channel', 'group', 'supergroup']);

export const communities = pgTable(
  'communities',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    telegramId: bigint('telegram_id', { mode: 'number' }).notNull().unique(),
    kind: communityKind('kind').notNull(),
    title: text('title').notNull(),
    username: text('username'),
    linkedCommunityId: bigint('linked_community_id', { mode: 'number' }).references(
      (): AnyPgColumn => communities.id,
    ),
    // The Telegram account whose worker syncs this community; null for communities that
    // only come from imports or the demo.
    syncedByAccountId: bigint('synced_by_account_id', { mode: 'number' }).references(
      (): AnyPgColumn => telegramAccounts.id,
      { onDelete: 'set null' },
    ),
    // IANA zone; active days and the core window are counted in it (DESIGN §5).
    timeZone: text('time_zone').notNull().default('UTC'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('communities_time_zone_nonempty', sql`${t.timeZone} <> ''`)],
);

export type Community = typeof communities.$inferSelect;
