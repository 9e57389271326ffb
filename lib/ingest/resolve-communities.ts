import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { IngestRejectedError } from './errors';
import { jsonRows } from './sql-json';

/**
 * Maps Telegram chat ids to community ids. Communities are tracked on purpose (created by
 * a community fact or in Settings), so a fact for an unknown one refuses the batch.
 */
export async function resolveCommunities(
  tx: Executor,
  records: { index: number; fact: { community?: number | null } }[],
): Promise<Map<number, number>> {
  const wanted = [
    ...new Set(records.flatMap(({ fact }) => (fact.community == null ? [] : [fact.community]))),
  ];
  if (wanted.length === 0) return new Map();
  const rows = await tx.execute<{ id: number; telegram_id: number }>(sql`
    select id, telegram_id from communities
    where telegram_id in (select jsonb_array_elements_text(${jsonRows(wanted)})::bigint)`);
  const ids = new Map(rows.map((r) => [Number(r.telegram_id), Number(r.id)]));
  const problems = records
    .filter(({ fact }) => fact.community != null && !ids.has(fact.community))
    .map(({ index, fact }) => ({
      index,
      path: 'community',
      message: `unknown community ${fact.community}: add it (a community fact) before its facts`,
    }));
  if (problems.length > 0) throw new IngestRejectedError(problems);
  return ids;
}
