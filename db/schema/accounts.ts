import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const roles = ['admin', 'operator', 'growth', 'support'] as const;
export const userRole = pgEnum('user_role', roles);
export type Role = (typeof roles)[number];

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const users = pgTable(
  'users',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }).references(() => users.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

// MTProto sessions, encrypted with a key derived from APP_SECRET; never stored in clear.
export const telegramAccounts = pgTable('telegram_accounts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  label: text('label').notNull(),
  kind: text('kind', { enum: ['user', 'bot'] }).notNull(),
  phone: text('phone'),
  sessionCiphertext: bytea('session_ciphertext').notNull(),
  status: text('status', { enum: ['active', 'revoked', 'error'] })
    .notNull()
    .default('active'),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// Every sign-in attempt, kept in Postgres so the rate limit holds across web processes.
// The partial indexes serve the limit's look-ups: recent failures for one email or one IP.
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    emailLower: text('email_lower').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    succeeded: boolean('succeeded').notNull(),
  },
  (t) => [
    index('sign_in_attempts_email_failed_idx')
      .on(t.emailLower, t.at)
      .where(sql`not ${t.succeeded}`),
    index('sign_in_attempts_ip_failed_idx')
      .on(t.ip, t.at)
      .where(sql`not ${t.succeeded}`),
    index('sign_in_attempts_at_idx').on(t.at),
  ],
);

export type User = typeof users.$inferSelect;
export type SignInAttempt = typeof signInAttempts.$inferSelect;

// Which worker process holds an account's one Telegram connection (migration 0015): the
// holder renews expires_at on a heartbeat; once it has passed, another worker may take over.
export const telegramAccountLeases = pgTable('telegram_account_leases', {
  accountId: bigint('account_id', { mode: 'number' })
    .primaryKey()
    .references(() => telegramAccounts.id, { onDelete: 'cascade' }),
  /** host:pid:random of the worker process. */
  holder: text('holder').notNull(),
  acquiredAt: timestamp('acquired_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  /** No worker connects the account before then (Telegram saw its session used twice). */
  pausedUntil: timestamp('paused_until', { withTimezone: true }),
});
