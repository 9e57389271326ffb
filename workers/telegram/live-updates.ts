import { Api } from 'telegram';
import { idOf } from './map/peers';

// Live updates make the sync faster, not different: GramJS does not catch up updates
// missed while disconnected, so history, admin log and member lists stay the record. An
// update about a synced community only asks for that community's sync job now.

/** The Bot API id of the channel or supergroup an update is about, if it is one. */
export function updatedCommunity(update: Api.TypeUpdate): number | null {
  if (
    update instanceof Api.UpdateNewChannelMessage ||
    update instanceof Api.UpdateEditChannelMessage
  ) {
    const peer = update.message.peerId;
    return peer instanceof Api.PeerChannel ? Number(`-100${idOf(peer.channelId)}`) : null;
  }
  if (update instanceof Api.UpdateChannelParticipant)
    return Number(`-100${idOf(update.channelId)}`);
  if (update instanceof Api.UpdateNewMessage && update.message.peerId instanceof Api.PeerChat)
    return -idOf(update.message.peerId.chatId);
  if (update instanceof Api.UpdateChatParticipant) return -idOf(update.chatId);
  return null;
}
