import { Api } from 'telegram';
import type { FactInput } from '../../../lib/ingest';
import { telegramKeys } from '../../../lib/telegram/source-keys';
import type { TrackedCommunity } from '../tracked-community';
import { fanFact, idOf, reactionKey, time, userIdOf } from './peers';

// GramJS history → facts. A group or discussion message from a user is an engagement of
// that user; a channel post (or a message signed by the chat itself) is the community's,
// with its counters; listed reactors are engagements at their own dates; join, leave and
// invite service messages become memberships and invites. Keys match the Telegram Desktop
// import's, so syncing a chat that was imported adds nothing twice.

/**
 * Reaction events of the listed reactors of a message (its recent reactors, or a page of
 * its full list): one per reactor and reaction, so reading a list again adds nothing.
 */
export function reactionFacts(
  community: TrackedCommunity,
  messageId: number,
  reactions: readonly Api.TypeMessagePeerReaction[],
  observedAt: Date,
): FactInput[] {
  return reactions.flatMap((entry) => {
    const reactor = userIdOf(entry.peerId);
    if (reactor === null) return [];
    const what = reactionKey(entry.reaction);
    return [
      {
        kind: 'event' as const,
        sourceKey: telegramKeys.reaction(community.telegramId, messageId, reactor, what),
        community: community.telegramId,
        fan: reactor,
        type: 'reaction' as const,
        // A reaction listed without a date is dated when we saw it.
        at: entry.date ? time(entry.date) : observedAt,
        payload: { message_id: messageId, reaction: what },
      },
    ];
  });
}

function postFact(community: TrackedCommunity, m: Api.Message, observedAt: Date): FactInput {
  const replies = m.replies instanceof Api.MessageReplies ? m.replies.replies : 0;
  return {
    kind: 'post',
    community: community.telegramId,
    messageId: m.id,
    at: time(m.date),
    text: m.message ? m.message.slice(0, 4096) : null,
    views: m.views ?? 0,
    forwards: m.forwards ?? 0,
    reactions: (m.reactions?.results ?? []).reduce((sum, r) => sum + r.count, 0),
    replies,
    observedAt,
  };
}

function serviceFacts(community: TrackedCommunity, m: Api.MessageService): FactInput[] {
  const actor = userIdOf(m.fromId);
  if (actor === null) return [];
  const at = time(m.date);
  const membership = (
    fan: number,
    action: 'join' | 'leave',
    sourceKey: string,
    invitedBy?: number,
  ): FactInput => ({
    kind: 'membership',
    sourceKey,
    community: community.telegramId,
    fan,
    action,
    at,
    invitedBy: invitedBy ?? null,
    source: 'live',
  });
  const action = m.action;
  if (
    action instanceof Api.MessageActionChatJoinedByLink ||
    action instanceof Api.MessageActionChatJoinedByRequest
  )
    return [membership(actor, 'join', telegramKeys.service('join', community.telegramId, m.id))];
  if (action instanceof Api.MessageActionChatDeleteUser && idOf(action.userId) === actor)
    return [membership(actor, 'leave', telegramKeys.service('leave', community.telegramId, m.id))];
  if (action instanceof Api.MessageActionChatAddUser) {
    const added = action.users.map(idOf);
    if (added.length === 1 && added[0] === actor)
      return [membership(actor, 'join', telegramKeys.service('join', community.telegramId, m.id))];
    // Adding others is one invite by the actor, and a join of each fan added.
    return [
      {
        kind: 'event',
        sourceKey: telegramKeys.service('invite', community.telegramId, m.id),
        community: community.telegramId,
        fan: actor,
        type: 'invite',
        at,
        payload: { members: added.length },
      },
      ...added.map((fan) =>
        membership(
          fan,
          'join',
          telegramKeys.service('join', community.telegramId, m.id, fan),
          actor,
        ),
      ),
    ];
  }
  return [];
}

/** The facts of one page of history, with the profiles of the users it names. */
export function factsFromMessages(
  community: TrackedCommunity,
  messages: readonly Api.TypeMessage[],
  users: readonly Api.TypeUser[],
  observedAt: Date,
): FactInput[] {
  const facts: FactInput[] = users.flatMap((u) => (u instanceof Api.User ? [fanFact(u)] : []));
  for (const m of messages) {
    if (m instanceof Api.MessageService) {
      facts.push(...serviceFacts(community, m));
      continue;
    }
    if (!(m instanceof Api.Message)) continue;
    const author = userIdOf(m.fromId);
    if (m.post || author === null) facts.push(postFact(community, m, observedAt));
    else
      facts.push({
        kind: 'event',
        sourceKey: telegramKeys.message(community.telegramId, m.id),
        community: community.telegramId,
        fan: author,
        type: m.replyTo?.replyToMsgId ? 'reply' : 'message',
        at: time(m.date),
        // The text, or a media message's caption; ingest caps it (lib/ingest/message-text.ts).
        text: m.message || null,
      });
    facts.push(...reactionFacts(community, m.id, m.reactions?.recentReactions ?? [], observedAt));
  }
  return facts;
}
