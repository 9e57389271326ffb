import { z } from 'zod';
import {
  eventTypes,
  membershipActions,
  membershipSources,
  purchaseStatuses,
} from '../../db/schema';
import { cappedMessageText } from './message-text';

// The one shape every source (Telegram worker, export import, shop, demo) hands to ingest.
const telegramId = z.number().int().refine(Number.isSafeInteger, 'must be a safe integer');
const time = z.coerce
  .date({ error: 'must be a time (ISO 8601 or a Date)' })
  .refine((d) => !Number.isNaN(d.getTime()), 'must be a valid time');
const sourceKey = z
  .string()
  .regex(/^[a-z_]+:\S+$/, 'must look like "<source>:<natural key>", e.g. tg:msg:<chat>:<id>')
  .max(300);
const count = z.number().int().min(0);
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as UTC or Asia/Shanghai');

export const communityFact = z.object({
  kind: z.literal('community'),
  telegramId,
  type: z.enum(['channel', 'group', 'supergroup']),
  title: z.string().min(1).max(255),
  username: z.string().max(64).nullish(),
  linkedTelegramId: telegramId.nullish(),
  timeZone: timeZone.optional(),
});

export const fanFact = z.object({
  kind: z.literal('fan'),
  telegramUserId: telegramId.positive(),
  username: z.string().max(64).nullish(),
  firstName: z.string().max(255).nullish(),
  lastName: z.string().max(255).nullish(),
  languageCode: z.string().max(16).nullish(),
  isBot: z.boolean().optional(),
});

export const eventFact = z.object({
  kind: z.literal('event'),
  sourceKey,
  community: telegramId,
  fan: telegramId.positive(),
  type: z.enum(eventTypes),
  at: time,
  value: z.number().finite().nullish(),
  payload: z.record(z.string(), z.unknown()).nullish(),
  /** What the fan wrote (a message or reply): stored capped, in event_texts. */
  text: z.string().transform(cappedMessageText).nullish(),
});

export const membershipFact = z.object({
  kind: z.literal('membership'),
  sourceKey,
  community: telegramId,
  fan: telegramId.positive(),
  action: z.enum(membershipActions),
  at: time,
  invitedBy: telegramId.positive().nullish(),
  inviteLink: z.string().max(255).nullish(),
  source: z.enum(membershipSources),
});

const postCounters = { views: count, forwards: count, reactions: count, replies: count };

export const postFact = z.object({
  kind: z.literal('post'),
  community: telegramId,
  messageId: z.number().int().positive(),
  at: time,
  text: z.string().max(4096).nullish(),
  ...postCounters,
  observedAt: time,
});

export const postSnapshotFact = z.object({
  kind: z.literal('post_snapshot'),
  community: telegramId,
  messageId: z.number().int().positive(),
  capturedAt: time,
  ...postCounters,
});

/**
 * A paid order or a refund from the brand's shop, for the shop's customer; the Telegram id
 * in the order (when it has one) links that customer to the fan. `amount` is the order's
 * (or the refund's) size; a refund is stored negative.
 */
export const purchaseFact = z
  .object({
    kind: z.literal('purchase'),
    sourceKey,
    orderId: z.string().min(1).max(128),
    /** The shop's customer id; without one, the fan's own customer (`tg:<Telegram id>`). */
    customer: z.string().min(1, 'must not be empty').max(128).optional(),
    fan: telegramId.positive().nullish(),
    community: telegramId.nullish(),
    status: z.enum(purchaseStatuses).default('paid'),
    amount: z
      .number()
      .finite()
      .min(0)
      .max(1e11, 'must be below 100,000,000,000')
      .refine(
        (n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6,
        'must have at most 2 decimals',
      ),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
    at: time,
  })
  .refine((p) => p.customer !== undefined || p.fan != null, {
    message: 'needs a customer or a fan',
    path: ['customer'],
  });

/** The customer a purchase is for (see purchaseFact). */
export const customerKeyOf = (p: { customer?: string; fan?: number | null }): string =>
  p.customer ?? `tg:${p.fan}`;

export const fact = z.discriminatedUnion('kind', [
  communityFact,
  fanFact,
  eventFact,
  membershipFact,
  postFact,
  postSnapshotFact,
  purchaseFact,
]);

export type Fact = z.infer<typeof fact>;
/** What a source may pass in: times may still be ISO strings. */
export type FactInput = z.input<typeof fact>;
export type FactOf<K extends Fact['kind']> = Extract<Fact, { kind: K }>;
