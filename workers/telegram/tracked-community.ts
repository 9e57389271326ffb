/** A community the worker syncs: its Bot API id (-100… for channels) and kind. */
export interface TrackedCommunity {
  telegramId: number;
  kind: 'channel' | 'group' | 'supergroup';
}
