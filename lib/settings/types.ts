import type { Role } from '../../db/schema/accounts';

// What the Settings page shows, shaped as JSON (times as ISO strings) so the server's first
// render and the browser's refreshes from app/api/settings/ share one type.

export type CommunityKind = 'channel' | 'group' | 'supergroup';

export interface CommunitySetting {
  id: number;
  title: string;
  kind: CommunityKind;
  username: string | null;
  timeZone: string;
  /** The linked discussion group of a channel, or the channel of a discussion group. */
  linked: { id: number; title: string; kind: CommunityKind } | null;
  /** The Telegram account whose worker syncs it; null for imported or demo communities. */
  syncedBy: { id: number; label: string; status: TelegramAccountStatus } | null;
}

export type TelegramAccountStatus = 'active' | 'revoked' | 'error';

/** A Telegram account as Settings shows it: never its session or phone number. */
export interface TelegramAccountSetting {
  id: number;
  label: string;
  kind: 'user' | 'bot';
  status: TelegramAccountStatus;
  lastError: string | null;
  createdAt: string;
  /** How many communities it syncs. */
  communities: number;
}

export interface SyncStream {
  stream: string;
  progressDone: number;
  progressTotal: number | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  floodWaitUntil: string | null;
}

export interface CommunitySync {
  id: number;
  title: string;
  kind: CommunityKind;
  /** Its sync_state rows, the Telegram worker's streams first; empty when never synced. */
  streams: SyncStream[];
}

export interface SyncStatus {
  /** The server's time when it was read: lags and relative times count from it. */
  now: string;
  communities: CommunitySync[];
}

export interface UserSetting {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

/** A zone a community may take, and its offset from UTC now (seconds; DST included). */
export interface TimeZoneOption {
  name: string;
  offsetSeconds: number;
}

/** The answer to a time zone change (PATCH /api/communities/:id/time-zone). */
export interface TimeZoneSaved {
  community: { id: number; title: string; timeZone: string };
  /** The zone before; the same as community.timeZone when nothing changed. */
  before: string;
  changed: boolean;
  /** fan_daily rows after the recount (0 when nothing changed). */
  fanDays: number;
  /** Fans queued for a history replay (0 when nothing changed). */
  queuedFans: number;
}

/** Fans still waiting for a history replay, in total and per community. */
export interface ReplayProgress {
  queuedFans: number;
  byCommunity: { communityId: number; queuedFans: number; fans: number }[];
}
