import { bigint, customType } from 'drizzle-orm/pg-core';
import { communities } from './communities';
import { fans } from './fans';

// Columns that many fact tables share, defined once so they cannot drift apart.
export const idColumn = () =>
  bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
/**
 * A source's natural key, compared byte by byte (collation "C"): only equality and one
 * fixed order matter, and the database locale's comparison made each of the unique
 * index's steps several times dearer on every fact written.
 */
const keyText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });
export const sourceKeyColumn = () => keyText('source_key').notNull().unique();
/** The fan a fact is about; erasing the fan erases its facts. */
export const fanIdColumn = () =>
  bigint('fan_id', { mode: 'number' })
    .notNull()
    .references(() => fans.id, { onDelete: 'cascade' });
export const communityIdColumn = () =>
  bigint('community_id', { mode: 'number' })
    .notNull()
    .references(() => communities.id);
/**
 * The fan and community of the high-volume facts (events, fan_daily), without foreign keys,
 * as fan_stage_history: ingest is their only writer and takes both ids from rows it read or
 * created in the same transaction, fans are anonymised, never deleted, and communities are
 * never deleted. The four key checks per event were about a third of ingest's time.
 */
export const factFanIdColumn = () => bigint('fan_id', { mode: 'number' }).notNull();
export const factCommunityIdColumn = () => bigint('community_id', { mode: 'number' }).notNull();
