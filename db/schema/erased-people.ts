import { customType, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

// People erased by a privacy request, only as a keyed hash of their Telegram user id
// (lib/ingest/erased-people.ts): ingest drops their facts so they never come back.
export const erasedPeople = pgTable(
  'erased_people',
  {
    hash: bytea('hash').primaryKey(),
    // Which key made the hash: a process with another key must not ingest (it would miss them).
    keyId: text('key_id').notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('erased_people_key_id_idx').on(t.keyId)],
);
