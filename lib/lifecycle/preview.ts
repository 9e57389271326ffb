import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { Stage } from '../../db/schema';
import { getPublishedRuleSet, getRuleSet } from './rule-sets';
import { stagesQuery, tuneForLifecycle } from './stages';

export interface SampleFan {
  fanId: number;
  telegramUserId: number;
  username: string | null;
  name: string | null;
}

export interface PreviewCell {
  from: Stage;
  to: Stage;
  fans: number;
  samples: SampleFan[];
}

export interface RulePreview {
  draftVersion: number;
  publishedVersion: number;
  asOf: Date;
  /** Every (from, to) pair with at least one fan, the diagonal (fans that stay) included. */
  cells: PreviewCell[];
  moving: number;
  total: number;
}

/**
 * How many fans would move from each stage to each other stage if the draft were
 * published now, with up to `samples` fans per cell. Both sides are computed from the facts
 * at the same moment; nothing is written.
 */
export async function previewDraft(
  db: Database,
  {
    draftVersion,
    samples = 5,
    asOf = new Date(),
  }: {
    draftVersion: number;
    samples?: number;
    asOf?: Date;
  },
): Promise<RulePreview> {
  const draft = await getRuleSet(db, draftVersion);
  const published = await getPublishedRuleSet(db);
  const rows = await db.transaction(async (tx) => {
    await tuneForLifecycle(tx);
    return tx.execute<{
      from_stage: Stage;
      to_stage: Stage;
      fans: number;
      sample_ids: number[];
    }>(sql`
      with now_stage as materialized (${stagesQuery(asOf, published.params)}),
      draft_stage as materialized (${stagesQuery(asOf, draft.params)})
      select a.stage as from_stage, b.stage as to_stage, count(*)::int as fans,
        (array_agg(a.fan_id order by a.fan_id))[1:${samples}::int] as sample_ids
      from now_stage a join draft_stage b on b.fan_id = a.fan_id
      group by 1, 2
      order by 1, 2`);
  });
  const ids = rows.flatMap((r) => r.sample_ids.map(Number));
  const fans = await db.execute<{
    id: number;
    telegram_user_id: number;
    username: string | null;
    name: string | null;
  }>(sql`
    select id, telegram_user_id, username,
      nullif(concat_ws(' ', first_name, last_name), '') as name
    from fans where id = any(${`{${ids.join(',')}}`}::bigint[])`);
  const byId = new Map(fans.map((f) => [Number(f.id), f]));
  const cells = rows.map((r) => ({
    from: r.from_stage,
    to: r.to_stage,
    fans: r.fans,
    samples: r.sample_ids.map((id) => {
      const f = byId.get(Number(id))!;
      return {
        fanId: Number(f.id),
        telegramUserId: Number(f.telegram_user_id),
        username: f.username,
        name: f.name,
      };
    }),
  }));
  return {
    draftVersion: draft.version,
    publishedVersion: published.version,
    asOf,
    cells,
    moving: cells.filter((c) => c.from !== c.to).reduce((n, c) => n + c.fans, 0),
    total: cells.reduce((n, c) => n + c.fans, 0),
  };
}
