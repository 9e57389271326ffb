// The natural keys of Telegram facts, shared by the worker and the Desktop-export import:
// the same message, reaction or service action read both ways is one fact.

type Id = number | string;

export const telegramKeys = {
  message: (community: number, messageId: number) => `tg:msg:${community}:${messageId}`,
  reaction: (community: number, messageId: number, fan: number, reaction: string) =>
    `tg:reaction:${community}:${messageId}:${fan}:${reaction}`,
  /** A join, leave or invite told by a service message; `fan` when one message tells several. */
  service: (
    kind: 'join' | 'leave' | 'invite',
    community: number,
    messageId: number,
    fan?: number,
  ) => `tg:${kind}:${community}:${messageId}${fan === undefined ? '' : `:${fan}`}`,
  adminLog: (community: number, eventId: Id) => `tg:adminlog:${community}:${eventId}`,
  participant: (community: number, fan: number, joinedAt: number) =>
    `tg:participant:${community}:${fan}:${joinedAt}`,
};
