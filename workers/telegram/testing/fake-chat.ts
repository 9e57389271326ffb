import bigInt from 'big-integer';
import { Api, type TelegramClient } from 'telegram';
import type { Executor } from '../../../db/client';
import { ingestBatch } from '../../../lib/ingest';
import { stubClient } from './stub-client';

// A supergroup's history as Telegram would return it: real GramJS objects, served by a
// real TelegramClient whose `invoke` answers messages.GetHistory from this list the way
// Telegram pages it (newest first, below offsetId, above minId).

export const CHAT_ID = 1_234_567_890;
export const BOT_API_ID = Number(`-100${CHAT_ID}`);
export const fakeCommunity = { telegramId: BOT_API_ID, kind: 'supergroup' as const };

/** Stores the fake chat as a community, as tracking it in Settings would. */
export async function trackFakeChat(db: Executor): Promise<void> {
  await ingestBatch(db, [
    { kind: 'community', telegramId: BOT_API_ID, type: 'supergroup', title: 'Fake group' },
  ]);
}

const peer = new Api.PeerChannel({ channelId: bigInt(CHAT_ID) });
const user = (id: number) => new Api.PeerUser({ userId: bigInt(id) });
const T0 = Date.parse('2026-05-01T00:00:00Z') / 1000;

export const users = [1001, 1002, 1003, 1004].map(
  (id) =>
    new Api.User({
      id: bigInt(id),
      username: `fan${id}`,
      firstName: 'Fan',
      lastName: String(id),
      langCode: 'zh-hans',
    }),
);

/** What has changed in the chat since its messages were posted. */
export interface ChatChanges {
  /** Views every post has gained. */
  viewsGained: number;
  /** Reactors every reacted message has gained, listed only in its full list. */
  reactorsGained: number;
}

const unchanged: ChatChanges = { viewsGained: 0, reactorsGained: 0 };

/**
 * Who reacted (with ❤) to message `id`: fans 1001 and 1002 (the recent reactors shown with
 * the message), three others, and those gained since. None for most messages.
 */
export function reactorsOf(id: number, changes: ChatChanges = unchanged): number[] {
  if (id % 25 === 0 || id % 7 !== 0 || [1, 2, 3].includes(id % 50)) return [];
  const others = Array.from({ length: 3 + changes.reactorsGained }, (_, k) => 5000 + k);
  return [1001, 1002, ...others];
}

/** Message `id`: mostly user messages, some replies, reactions and service actions. */
export function chatMessage(id: number, changes: ChatChanges = unchanged): Api.TypeMessage {
  const date = T0 + id * 600;
  const author = 1001 + (id % 4);
  if (id % 50 === 1)
    return new Api.MessageService({
      id,
      peerId: peer,
      fromId: user(author),
      date,
      action: new Api.MessageActionChatJoinedByLink({ inviterId: bigInt(1001) }),
    });
  if (id % 50 === 2)
    return new Api.MessageService({
      id,
      peerId: peer,
      fromId: user(1001),
      date,
      action: new Api.MessageActionChatAddUser({ users: [bigInt(1003), bigInt(1004)] }),
    });
  if (id % 50 === 3)
    return new Api.MessageService({
      id,
      peerId: peer,
      fromId: user(1002),
      date,
      action: new Api.MessageActionChatDeleteUser({ userId: bigInt(1002) }),
    });
  if (id % 25 === 0)
    // Posted as the chat itself (an anonymous admin or the linked channel).
    return new Api.Message({
      id,
      peerId: peer,
      fromId: peer,
      date,
      message: `post ${id}`,
      views: 40 + id + changes.viewsGained,
      forwards: changes.viewsGained > 0 ? 3 : undefined,
      reactions:
        changes.viewsGained > 0
          ? new Api.MessageReactions({
              results: [new Api.ReactionCount({ reaction: heart, count: 4 })],
            })
          : undefined,
    });
  const reactors = reactorsOf(id, changes);
  return new Api.Message({
    id,
    peerId: peer,
    fromId: user(author),
    date,
    message: `message ${id}`,
    replyTo: id % 3 === 0 ? new Api.MessageReplyHeader({ replyToMsgId: id - 1 }) : undefined,
    reactions:
      reactors.length > 0
        ? new Api.MessageReactions({
            canSeeList: true,
            results: [new Api.ReactionCount({ reaction: heart, count: reactors.length })],
            recentReactions: reactors.slice(0, 2).map((reactor) => reactionBy(id, reactor)),
          })
        : undefined,
  });
}

const heart = new Api.ReactionEmoji({ emoticon: '❤' });

/** Fan `reactor`'s ❤ on message `id`, a minute after it was posted. */
function reactionBy(id: number, reactor: number): Api.MessagePeerReaction {
  return new Api.MessagePeerReaction({
    peerId: user(reactor),
    date: T0 + id * 600 + 60,
    reaction: heart,
  });
}

/** Admin-log event `id`: joins, a leave every fifth, an invite-link join every seventh. */
export function adminLogEvent(id: number): Api.ChannelAdminLogEvent {
  const userId = bigInt(2000 + id);
  const action =
    id % 5 === 0
      ? new Api.ChannelAdminLogEventActionParticipantLeave()
      : id % 7 === 0
        ? new Api.ChannelAdminLogEventActionParticipantJoinByInvite({
            invite: new Api.ChatInviteExported({
              link: 'https://t.me/+campaign',
              adminId: bigInt(1001),
              date: T0,
            }),
          })
        : new Api.ChannelAdminLogEventActionParticipantJoin();
  return new Api.ChannelAdminLogEvent({ id: bigInt(id), date: T0 + id * 60, userId, action });
}

/** Member `i` of the list: joined at its own date, every third invited by fan 1001. */
export function participant(i: number): Api.TypeChannelParticipant {
  const userId = bigInt(3000 + i);
  const date = T0 - i * 3600;
  return i % 3 === 0
    ? new Api.ChannelParticipantSelf({ userId, inviterId: bigInt(1001), date })
    : new Api.ChannelParticipant({ userId, date });
}

export interface FakeTelegram {
  client: TelegramClient;
  /** The history requests it answered, in order. */
  requests: Api.messages.GetHistory[];
  /** Messages 1..n exist now; raise it to post new ones. */
  setNewest: (n: number) => void;
  /** Admin-log events 1..n exist now. */
  setAdminLog: (n: number) => void;
  /** The member list has n members. */
  setMembers: (n: number) => void;
  /** Every post gains n views (and, once it has any, forwards and reactions). */
  gainViews: (n: number) => void;
  /** Every reacted message gains n reactors, listed only in its full reactor list. */
  gainReactors: (n: number) => void;
  /** The requests of each kind it answered, by class name. */
  calls: Map<string, number>;
  /** Throws `error` instead of answering call number `call` (1-based, every call counted). */
  failOn: (call: number, error: Error) => void;
}

export function fakeTelegram(newest: number): FakeTelegram {
  const client = stubClient(() => undefined);
  const requests: Api.messages.GetHistory[] = [];
  const failures = new Map<number, Error>();
  let calls = 0;
  let adminLog = 0;
  let members = 0;
  const changes: ChatChanges = { viewsGained: 0, reactorsGained: 0 };
  const counted = new Map<string, number>();
  client.getInputEntity = async () =>
    new Api.InputPeerChannel({ channelId: bigInt(CHAT_ID), accessHash: bigInt(42) });
  client.invoke = (async (request: Api.AnyRequest) => {
    const failure = failures.get(++calls);
    if (failure) throw failure;
    counted.set(request.className, (counted.get(request.className) ?? 0) + 1);
    if (request instanceof Api.channels.GetAdminLog) {
      const events: Api.ChannelAdminLogEvent[] = [];
      const below = request.maxId.isZero() ? adminLog + 1 : request.maxId.toJSNumber();
      for (
        let id = below - 1;
        id > request.minId.toJSNumber() && events.length < request.limit;
        id--
      )
        events.push(adminLogEvent(id));
      return new Api.channels.AdminLogResults({ events, chats: [], users });
    }
    if (request instanceof Api.channels.GetMessages) {
      const ids = request.id.map((i) => (i as Api.InputMessageID).id);
      return new Api.messages.ChannelMessages({
        pts: 1,
        count: ids.length,
        messages: ids.map((id) =>
          id <= newest ? chatMessage(id, changes) : new Api.MessageEmpty({ id }),
        ),
        chats: [],
        topics: [],
        users,
      });
    }
    if (request instanceof Api.messages.GetMessageReactionsList) {
      const all = reactorsOf(request.id, changes);
      const from = Number(request.offset ?? 0);
      const to = Math.min(all.length, from + request.limit);
      return new Api.messages.MessageReactionsList({
        count: all.length,
        reactions: all.slice(from, to).map((reactor) => reactionBy(request.id, reactor)),
        chats: [],
        users: [],
        nextOffset: to < all.length ? String(to) : undefined,
      });
    }
    if (request instanceof Api.channels.GetParticipants) {
      const list = [];
      for (let i = request.offset; i < Math.min(members, request.offset + request.limit); i++)
        list.push(participant(i));
      return new Api.channels.ChannelParticipants({
        count: members,
        participants: list,
        chats: [],
        users,
      });
    }
    if (!(request instanceof Api.messages.GetHistory))
      throw new Error(`unexpected ${request.className}`);
    requests.push(request);
    const ids: number[] = [];
    for (let id = (request.offsetId || newest + 1) - 1; id > request.minId && id >= 1; id--) {
      if (ids.length === request.limit) break;
      ids.push(id);
    }
    return new Api.messages.ChannelMessages({
      pts: 1,
      count: newest,
      messages: ids.map((id) => chatMessage(id, changes)),
      chats: [],
      topics: [],
      users,
    });
  }) as TelegramClient['invoke'];
  return {
    client,
    requests,
    setNewest: (n) => (newest = n),
    setAdminLog: (n) => (adminLog = n),
    setMembers: (n) => (members = n),
    gainViews: (n) => (changes.viewsGained += n),
    gainReactors: (n) => (changes.reactorsGained += n),
    calls: counted,
    failOn: (call, error) => failures.set(call, error),
  };
}
