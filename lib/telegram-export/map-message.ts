import { z } from 'zod';
import type { FactInput } from '../ingest';
import { telegramKeys } from '../telegram/source-keys';
import type { ExporterClock } from './exporter-clock';

// One exported message → the facts it tells, by the mapping the import promises (README):
// user messages are engagements, channel/chat authors are the community itself, reactions
// with listed reactors are engagements at their own dates, and four service actions are
// joins, leaves or invites. Keys are Telegram's own ids, so a second import adds nothing.

const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'must be a local time');

export const exportedMessage = z
  .looseObject({
    id: z.number({ error: 'missing "id"' }).int(),
    type: z.string({ error: 'missing "type"' }),
    date: localTime.optional(),
    date_unixtime: z.string().regex(/^\d+$/, 'must be whole seconds').optional(),
    from: z.string().nullish(),
    from_id: z.string().nullish(),
    actor: z.string().nullish(),
    actor_id: z.string().nullish(),
    action: z.string().optional(),
    members: z.array(z.string().nullable()).optional(),
    reply_to_message_id: z.number().optional(),
    reactions: z
      .array(
        z.looseObject({
          type: z.string(),
          emoji: z.string().optional(),
          document_id: z.string().optional(),
          recent: z
            .array(
              z.looseObject({ from: z.string().nullish(), from_id: z.string(), date: localTime }),
            )
            .optional(),
        }),
      )
      .optional(),
  })
  .refine((m) => m.date !== undefined || m.date_unixtime !== undefined, {
    message: 'missing "date"',
    path: ['date'],
  });
export type ExportedMessage = z.infer<typeof exportedMessage>;

export interface Community {
  telegramId: number;
}

export type Tally = 'messages' | 'reactions' | 'joins' | 'leaves' | 'invites' | 'channel_posts';

export interface Mapped {
  facts: FactInput[];
  /** What the message counted as, and how many. */
  tally: Partial<Record<Tally, number>>;
  /** Why (part of) the message told nothing about fans, and how many times. */
  skipped: Record<string, number>;
}

/** "user123" → 123; channel and chat authors are not fans. */
export function userId(peer: string | null | undefined): number | null {
  const match = /^user(\d+)$/.exec(peer ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * The message's text as the exporter wrote it: a string, or a list of strings and entity
 * objects (a link, a mention, bold) each with its own `text`, read in order. Anything
 * else tells no text rather than failing the message.
 */
export function exportedText(text: unknown): string | null {
  if (typeof text === 'string') return text || null;
  if (!Array.isArray(text)) return null;
  const parts = text.map((part: unknown) =>
    typeof part === 'string'
      ? part
      : typeof (part as { text?: unknown } | null)?.text === 'string'
        ? (part as { text: string }).text
        : '',
  );
  return parts.join('') || null;
}

export function messageTime(m: ExportedMessage, clock: ExporterClock): Date {
  return m.date_unixtime ? new Date(Number(m.date_unixtime) * 1000) : clock.toUtc(m.date!);
}

function fan(telegramUserId: number, name: string | null | undefined): FactInput {
  // The export gives one display name; it is kept whole as the first name.
  return { kind: 'fan', telegramUserId, firstName: name?.slice(0, 255) || null };
}

export function mapMessage(community: Community, m: ExportedMessage, clock: ExporterClock): Mapped {
  const at = messageTime(m, clock);
  if (m.type === 'message') {
    const author = userId(m.from_id);
    const facts: FactInput[] = [];
    const result: Mapped = { facts, tally: {}, skipped: {} };
    if (author) {
      facts.push(fan(author, m.from), {
        kind: 'event',
        sourceKey: telegramKeys.message(community.telegramId, m.id),
        community: community.telegramId,
        fan: author,
        type: m.reply_to_message_id ? 'reply' : 'message',
        at,
        text: exportedText(m.text),
      });
      result.tally.messages = 1;
    } else if (/^(channel|chat)\d+$/.test(m.from_id ?? '')) result.tally.channel_posts = 1;
    else result.skipped['message without a user author'] = 1;
    for (const reaction of m.reactions ?? []) {
      const what = reaction.emoji ?? reaction.document_id ?? reaction.type;
      for (const entry of reaction.recent ?? []) {
        const reactor = userId(entry.from_id);
        if (!reactor) {
          result.skipped['reaction by a non-user'] =
            (result.skipped['reaction by a non-user'] ?? 0) + 1;
          continue;
        }
        facts.push(fan(reactor, entry.from), {
          kind: 'event',
          sourceKey: telegramKeys.reaction(community.telegramId, m.id, reactor, what),
          community: community.telegramId,
          fan: reactor,
          type: 'reaction',
          at: clock.toUtc(entry.date),
          payload: { message_id: m.id, reaction: what },
        });
        result.tally.reactions = (result.tally.reactions ?? 0) + 1;
      }
    }
    return result;
  }
  if (m.type !== 'service') return { facts: [], tally: {}, skipped: { [`${m.type} record`]: 1 } };

  const actor = userId(m.actor_id);
  const self = m.members?.length === 1 && m.members[0] === m.actor;
  const membership = (action: 'join' | 'leave'): Mapped => ({
    facts: [
      fan(actor!, m.actor),
      {
        kind: 'membership',
        sourceKey: telegramKeys.service(action, community.telegramId, m.id),
        community: community.telegramId,
        fan: actor!,
        action,
        at,
        source: 'export',
      },
    ],
    tally: { [action === 'join' ? 'joins' : 'leaves']: 1 },
    skipped: {},
  });
  if (!actor) return { facts: [], tally: {}, skipped: { [`${m.action} without a user actor`]: 1 } };
  if (m.action === 'join_group_by_link' || m.action === 'join_group_by_request')
    return membership('join');
  if (m.action === 'invite_members' && self) return membership('join');
  if (m.action === 'remove_members' && self) return membership('leave');
  if (m.action === 'invite_members')
    return {
      facts: [
        fan(actor, m.actor),
        {
          kind: 'event',
          sourceKey: telegramKeys.service('invite', community.telegramId, m.id),
          community: community.telegramId,
          fan: actor,
          type: 'invite',
          at,
          payload: { members: m.members?.length ?? 0 },
        },
      ],
      tally: { invites: 1 },
      skipped: {},
    };
  return { facts: [], tally: {}, skipped: { [`service: ${m.action ?? 'unknown'}`]: 1 } };
}
