import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { listUsers, type UserListing } from '../auth/user-queries';
import { compareStreams } from './sync-status';
import type {
  CommunitySetting,
  CommunitySync,
  SyncStatus,
  TelegramAccountSetting,
  UserSetting,
} from './types';

// The Settings page's reads: plain functions over a passed-in db, free of `server-only`.

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

export async function listCommunitySettings(db: Executor): Promise<CommunitySetting[]> {
  const rows = await db.execute<{
    id: number;
    title: string;
    kind: CommunitySetting['kind'];
    username: string | null;
    time_zone: string;
    linked_id: number | null;
    linked_title: string | null;
    linked_kind: CommunitySetting['kind'] | null;
    account_id: number | null;
    account_label: string | null;
    account_status: TelegramAccountSetting['status'] | null;
  }>(sql`
    select c.id, c.title, c.kind, c.username, c.time_zone,
      l.id as linked_id, l.title as linked_title, l.kind as linked_kind,
      a.id as account_id, a.label as account_label, a.status as account_status
    from communities c
    left join lateral (
      select o.id, o.title, o.kind from communities o
      where o.id = c.linked_community_id or o.linked_community_id = c.id
      order by (o.id = c.linked_community_id) desc, o.id
      limit 1
    ) l on true
    left join telegram_accounts a on a.id = c.synced_by_account_id
    order by c.id`);
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    kind: r.kind,
    username: r.username,
    timeZone: r.time_zone,
    linked:
      r.linked_id === null
        ? null
        : { id: Number(r.linked_id), title: r.linked_title!, kind: r.linked_kind! },
    syncedBy:
      r.account_id === null
        ? null
        : { id: Number(r.account_id), label: r.account_label!, status: r.account_status! },
  }));
}

/** The Telegram accounts, without their sessions (session_ciphertext is never read here). */
export async function listTelegramAccounts(db: Executor): Promise<TelegramAccountSetting[]> {
  const rows = await db.execute<{
    id: number;
    label: string;
    kind: TelegramAccountSetting['kind'];
    status: TelegramAccountSetting['status'];
    last_error: string | null;
    created_at: Date | string;
    communities: number;
  }>(sql`
    select a.id, a.label, a.kind, a.status, a.last_error, a.created_at,
      (select count(*) from communities c where c.synced_by_account_id = a.id)::int as communities
    from telegram_accounts a
    order by a.id`);
  return rows.map((r) => ({
    id: Number(r.id),
    label: r.label,
    kind: r.kind,
    status: r.status,
    lastError: r.last_error,
    createdAt: iso(r.created_at)!,
    communities: Number(r.communities),
  }));
}

/** Every community with its sync_state rows, as of `now`. */
export async function getSyncStatus(db: Executor, now = new Date()): Promise<SyncStatus> {
  const rows = await db.execute<{
    id: number;
    title: string;
    kind: CommunitySync['kind'];
    stream: string | null;
    progress_done: number | null;
    progress_total: number | null;
    last_run_at: Date | string | null;
    last_success_at: Date | string | null;
    last_error: string | null;
    flood_wait_until: Date | string | null;
  }>(sql`
    select c.id, c.title, c.kind, s.stream, s.progress_done, s.progress_total, s.last_run_at,
      s.last_success_at, s.last_error, s.flood_wait_until
    from communities c
    left join sync_state s on s.community_id = c.id
    order by c.id`);
  const byId = new Map<number, CommunitySync>();
  for (const r of rows) {
    const id = Number(r.id);
    let community = byId.get(id);
    if (!community) {
      community = { id, title: r.title, kind: r.kind, streams: [] };
      byId.set(id, community);
    }
    if (r.stream === null) continue;
    community.streams.push({
      stream: r.stream,
      progressDone: Number(r.progress_done ?? 0),
      progressTotal: r.progress_total === null ? null : Number(r.progress_total),
      lastRunAt: iso(r.last_run_at),
      lastSuccessAt: iso(r.last_success_at),
      lastError: r.last_error,
      floodWaitUntil: iso(r.flood_wait_until),
    });
  }
  const communities = [...byId.values()];
  for (const c of communities) c.streams.sort((a, b) => compareStreams(a.stream, b.stream));
  return { now: now.toISOString(), communities };
}

/** A user as Settings shows it. */
export const toSetting = (u: UserListing): UserSetting => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt.toISOString(),
});

export async function listUserSettings(db: Executor): Promise<UserSetting[]> {
  return (await listUsers(db)).map(toSetting);
}
