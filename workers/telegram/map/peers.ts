import { Api } from 'telegram';
import type bigInt from 'big-integer';
import type { FactInput } from '../../../lib/ingest';

/** A Telegram long (GramJS BigInteger) as a number; user and chat ids fit in 53 bits. */
export function idOf(value: bigInt.BigInteger | number): number {
  return typeof value === 'number' ? value : value.toJSNumber();
}

/** The user behind a peer, or null for a channel or chat (the community itself). */
export function userIdOf(peer: Api.TypePeer | undefined): number | null {
  return peer instanceof Api.PeerUser ? idOf(peer.userId) : null;
}

/** Telegram's unix seconds as a time. */
export const time = (seconds: number) => new Date(seconds * 1000);

export function reactionKey(reaction: Api.TypeReaction): string {
  if (reaction instanceof Api.ReactionEmoji) return reaction.emoticon;
  if (reaction instanceof Api.ReactionCustomEmoji) return String(reaction.documentId);
  if (reaction instanceof Api.ReactionPaid) return 'paid';
  return 'other';
}

export function fanFact(user: Api.User): FactInput {
  return {
    kind: 'fan',
    telegramUserId: idOf(user.id),
    username: user.username ?? null,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    languageCode: user.langCode ?? null,
    isBot: user.bot ?? false,
  };
}
