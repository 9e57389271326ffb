import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import type { Stage } from '../../db/schema';
import { getPublishedRuleSet, getRuleSet, type StoredRuleSet } from './rule-sets';
import { readFeatureStoreState, storeServes } from './feature-store';
import { stagesQuery, storedStagesQuery, tuneForLifecycle } from './stages';

export interface SampleFan {
  fanId: number;
  /** Null once the fan was erased: the stored id is a stand-in. */
  telegramUserId: number | null;
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
 * Both sides of the comparison at one moment. With no moment asked for and fan_lifecycle
 * reflecting the published version, that is the last refresh: the published side is
 * fan_lifecycle, and the draft side comes from the stored features when the draft keeps
 * their windows (a threshold change). Otherwise both are computed from the facts, each
 * once (materialized).
 */
async function sides(
  tx: Executor,
  published: StoredRuleSet,
  draft: StoredRuleSet,
  asOf: Date | undefined,
): Promise<{ current: SQL; draft: SQL; asOf: Date }> {
  const stages = (query: SQL) => sql`select s.fan_id, s.stage from (${query}) s`;
  const [state] = await tx.execute<{ rule_set_version: number | null; refreshed_at: string }>(
    sql`select rule_set_version, refreshed_at from lifecycle_state where id = 1`,
  );
  if (!asOf && state?.rule_set_version === published.version) {
    const at = new Date(state.refreshed_at);
    const stored = storeServes(await readFeatureStoreState(tx), draft.params, at);
    // Only the stage is read from the stored side: the planner then skips every other
    // output of lifecycle_decide(), most of its cost.
    const draftSide = stages((stored ? storedStagesQuery : stagesQuery)(at, draft.params));
    return {
      current: sql`(select fan_id, stage from fan_lifecycle)`,
      draft: stored ? sql`(${draftSide})` : sql`materialized (${draftSide})`,
      asOf: at,
    };
  }
  const at = asOf ?? new Date();
  return {
    current: sql`materialized (${stages(stagesQuery(at, published.params))})`,
    draft: sql`materialized (${stages(stagesQuery(at, draft.params))})`,
    asOf: at,
  };
}

export interface PreviewMoves {
  draftVersion: number;
  publishedVersion: number;
  asOf: Date;
  /** As PreviewCell, with the sample fans' ids only. */
  cells: (Omit<PreviewCell, 'samples'> & { sampleIds: number[] })[];
  moving: number;
  total: number;
}

/**
 * How many fans would move from each stage to each other stage if the draft were
 * published, with up to `samples` fan ids per cell; nothing is written. Both sides are as
 * of the same moment: `asOf` when given, else the lifecycle job's last refresh. The heavy
 * part of a preview: the Rules page caches it (lib/rules/get-preview.ts).
 */
export async function previewMoves(
  db: Database,
  options: { draft: StoredRuleSet; published: StoredRuleSet; samples: number; asOf?: Date },
): Promise<PreviewMoves> {
  const { draft, published, samples } = options;
  const { rows, asOf } = await db.transaction(async (tx) => {
    await tuneForLifecycle(tx);
    const compared = await sides(tx, published, draft, options.asOf);
    const rows = await tx.execute<{
      from_stage: Stage;
      to_stage: Stage;
      fans: number;
      sample_ids: number[];
    }>(sql`
      with now_stage as ${compared.current},
      draft_stage as ${compared.draft}
      select a.stage as from_stage, b.stage as to_stage, count(*)::int as fans,
        (array_agg(a.fan_id order by a.fan_id))[1:${samples}::int] as sample_ids
      from now_stage a join draft_stage b on b.fan_id = a.fan_id
      group by 1, 2
      order by 1, 2`);
    return { rows, asOf: compared.asOf };
  });
  const cells = rows.map((r) => ({
    from: r.from_stage,
    to: r.to_stage,
    fans: r.fans,
    sampleIds: r.sample_ids.map(Number),
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

/** Who the sample fans are; an erased fan keeps no Telegram id, username or name. */
export async function sampleFans(db: Executor, ids: number[]): Promise<Map<number, SampleFan>> {
  if (ids.length === 0) return new Map();
  const fans = await db.execute<{
    id: number;
    telegram_user_id: number | null;
    username: string | null;
    name: string | null;
  }>(sql`
    select id, case when erased_at is null then telegram_user_id end as telegram_user_id,
      username,
      nullif(concat_ws(' ', first_name, last_name), '') as name
    from fans where id = any(${`{${ids.join(',')}}`}::bigint[])`);
  return new Map(
    fans.map((f) => [
      Number(f.id),
      {
        fanId: Number(f.id),
        telegramUserId: f.telegram_user_id === null ? null : Number(f.telegram_user_id),
        username: f.username,
        name: f.name,
      },
    ]),
  );
}

/** A draft's whole preview, sample fans named: for the CLIs, the bench and tests. */
export async function previewDraft(
  db: Database,
  options: { draftVersion: number; samples?: number; asOf?: Date },
): Promise<RulePreview> {
  const draft = await getRuleSet(db, options.draftVersion);
  const published = await getPublishedRuleSet(db);
  const moves = await previewMoves(db, {
    draft,
    published,
    samples: options.samples ?? 5,
    asOf: options.asOf,
  });
  const fans = await sampleFans(
    db,
    moves.cells.flatMap((c) => c.sampleIds),
  );
  const cells = moves.cells.map(({ sampleIds, ...cell }) => ({
    ...cell,
    samples: sampleIds.map((id) => fans.get(id)!),
  }));
  return { ...moves, cells };
}
