import { bigint, text } from 'drizzle-orm/pg-core';
import { communities } from './communities';
import { fans } from './fans';

// Columns that many fact tables share, defined once so they cannot drift apart.
export const idColumn = () =>
  bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
export const sourceKeyColumn = () => text('source_key').notNull().unique();
/** The fan a fact is about; erasing the fan erases its facts. */
export const fanIdColumn = () =>
  bigint('fan_id', { mode: 'number' })
    .notNull()
    .references(() => fans.id, { onDelete: 'cascade' });
export const communityIdColumn = () =>
  bigint('community_id', { mode: 'number' })
    .notNull()
    .references(() => communities.id);
