import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { jsonRows } from './sql-json';

export interface MembershipRow {
  source_key: string;
  fan_id: number;
  community_id: number;
  action: 'join' | 'leave';
  occurred_at: Date;
  invited_by_fan_id: number | null;
  invite_link: string | null;
  source: string;
}

export async function insertMemberships(tx: Executor, rows: MembershipRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx.execute(sql`
    insert into memberships (source_key, fan_id, community_id, action, occurred_at,
      invited_by_fan_id, invite_link, source)
    select r.source_key, r.fan_id, r.community_id, r.action::membership_action, r.occurred_at,
      r.invited_by_fan_id, r.invite_link, r.source::membership_source
    from jsonb_to_recordset(${jsonRows(rows)}) as r(source_key text, fan_id bigint,
      community_id bigint, action text, occurred_at timestamptz, invited_by_fan_id bigint,
      invite_link text, source text)
    on conflict (source_key) do nothing
    returning 1`);
  return inserted.length;
}
