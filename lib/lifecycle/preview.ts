import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import type { Stage } from '../../db/schema';
import { getPublishedRuleSet, getRuleSet, type StoredRuleSet } from './rule-sets';
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
 * The published rules' side of the comparison: fan_lifecycle as of its last refresh when it
 * reflects the published version (one computation fewer), else computed at `asOf`.
 */
async function publishedSide(
  tx: Executor,
  published: StoredRuleSet,
  asOf: Date | undefined,
): Promise<{ stages: SQL; asOf: Date }> {
  const [state] = await tx.execute<{ rule_set_version: number | null; refreshed_at: string }>(
    sql`select rule_set_version, refreshed_at from lifecycle_state where id = 1`,
  );
  if (!asOf && state?.rule_set_version === published.version)
    return {
      stages: sql`select fan_id, stage from fan_lifecycle`,
      asOf: new Date(state.refreshed_at),
    };
  const at = asOf ?? new Date();
  return { stages: stagesQuery(at, published.params), asOf: at };
}

/**
 * How many fans would move from each stage to each other stage if the draft were
 * published, with up to `samples` fans per cell; nothing is written. Both sides are as of
 * the same moment: `asOf` when given, else the lifecycle job's last refresh.
 */
export async function previewDraft(
  db: Database,
  options: { draftVersion: number; samples?: number; asOf?: Date },
): Promise<RulePreview> {
  const { draftVersion, samples = 5 } = options;
  const draft = await getRuleSet(db, draftVersion);
  const published = await getPublishedRuleSet(db);
  const { rows, asOf } = await db.transaction(async (tx) => {
    await tuneForLifecycle(tx);
    const current = await publishedSide(tx, published, options.asOf);
    const rows = await tx.execute<{
      from_stage: Stage;
      to_stage: Stage;
      fans: number;
      sample_ids: number[];
    }>(sql`
      with now_stage as materialized (${current.stages}),
      draft_stage as materialized (${stagesQuery(current.asOf, draft.params)})
      select a.stage as from_stage, b.stage as to_stage, count(*)::int as fans,
        (array_agg(a.fan_id order by a.fan_id))[1:${samples}::int] as sample_ids
      from now_stage a join draft_stage b on b.fan_id = a.fan_id
      group by 1, 2
      order by 1, 2`);
    return { rows, asOf: current.asOf };
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
