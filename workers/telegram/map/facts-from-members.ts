import { Api } from 'telegram';
import type { FactInput } from '../../../lib/ingest';
import { telegramKeys } from '../../../lib/telegram/source-keys';
import type { TrackedCommunity } from '../tracked-community';
import { fanFact, idOf, time } from './peers';

// Who joined and left, from the admin log (about 48 hours deep) and from participant
// snapshots (each member's join date; the inviter where Telegram gives it).

function usersFacts(users: readonly Api.TypeUser[]): FactInput[] {
  return users.flatMap((u) => (u instanceof Api.User ? [fanFact(u)] : []));
}

/** Joins, leaves and invite-link joins from admin log events. */
export function factsFromAdminLog(
  community: TrackedCommunity,
  events: readonly Api.ChannelAdminLogEvent[],
  users: readonly Api.TypeUser[],
): FactInput[] {
  const facts = usersFacts(users);
  for (const event of events) {
    const base = {
      kind: 'membership' as const,
      sourceKey: telegramKeys.adminLog(community.telegramId, String(event.id)),
      community: community.telegramId,
      fan: idOf(event.userId),
      at: time(event.date),
      source: 'admin_log' as const,
    };
    const action = event.action;
    if (
      action instanceof Api.ChannelAdminLogEventActionParticipantJoin ||
      action instanceof Api.ChannelAdminLogEventActionParticipantJoinByRequest
    )
      facts.push({ ...base, action: 'join' });
    else if (action instanceof Api.ChannelAdminLogEventActionParticipantJoinByInvite)
      facts.push({
        ...base,
        action: 'join',
        inviteLink:
          action.invite instanceof Api.ChatInviteExported ? action.invite.link.slice(0, 255) : null,
      });
    else if (action instanceof Api.ChannelAdminLogEventActionParticipantLeave)
      facts.push({ ...base, action: 'leave' });
    else if (action instanceof Api.ChannelAdminLogEventActionParticipantInvite) {
      const participant = action.participant;
      if ('userId' in participant)
        facts.push({
          ...base,
          fan: idOf(participant.userId),
          action: 'join',
          invitedBy: idOf(event.userId),
        });
    }
  }
  return facts;
}

/** A participant list as joins at each member's join date (the inviter when known). */
export function factsFromParticipants(
  community: TrackedCommunity,
  participants: readonly (Api.TypeChannelParticipant | Api.TypeChatParticipant)[],
  users: readonly Api.TypeUser[],
): FactInput[] {
  const facts = usersFacts(users);
  for (const p of participants) {
    if (!('userId' in p) || !('date' in p) || !p.date) continue;
    const fan = idOf(p.userId);
    const inviter = 'inviterId' in p && p.inviterId ? idOf(p.inviterId) : null;
    facts.push({
      kind: 'membership',
      // One record per member and join date: a later snapshot of the same stay adds nothing.
      sourceKey: telegramKeys.participant(community.telegramId, fan, p.date),
      community: community.telegramId,
      fan,
      action: 'join',
      at: time(p.date),
      invitedBy: inviter && inviter !== fan ? inviter : null,
      source: 'participants',
    });
  }
  return facts;
}
