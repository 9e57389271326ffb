import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { getPublishedRuleSet, type StoredRuleSet } from './rule-sets';
import {
  countStoredFans,
  dueFeatureFans,
  fansCrossingThresholds,
  readFeatureStoreState,
  storeFeatures,
  storeServes,
} from './feature-store';
import { featureColumns, storedStagesQuery, tuneForLifecycle } from './stages';

export interface RefreshResult {
  mode: 'incremental' | 'full';
  /** Fans whose stored features were recomputed from the facts. */
  featuresRecomputed: number | 'all';
  ruleSetVersion: number;
  asOf: Date;
  /** Fans whose stage was decided. */
  fans: number;
  /** Stage changes written to fan_stage_history. */
  changes: number;
}

/** Past this many fans, one pass over everything is cheaper than a list. */
const FULL_PASS_ABOVE = 200_000;

const historyFeatures = sql.raw(featureColumns.map((c) => `'${c}', c.${c}`).join(', '));

/**
 * Computes the stage of the given fans (all when null) as of `asOf`, writes every change to
 * fan_stage_history with the rule version and the deciding numbers, and brings
 * fan_lifecycle up to date. Rows that did not change are not rewritten.
 */
async function applyStages(
  tx: Executor,
  asOf: Date,
  ruleSet: StoredRuleSet,
  fanIds: readonly number[] | null,
): Promise<number> {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  const [result] = await tx.execute<{ changes: number }>(sql`
    -- The fans whose stage or rule differs from the stored row, read once before any
    -- write: an anti-join against fan_lifecycle while inserting into it rescans the
    -- growing table per row.
    with computed as materialized (
      select c.*, l.fan_id is not null as stored, l.stage as old_stage
      from (${storedStagesQuery(asOf, ruleSet.params, fanIds ?? undefined)}) c
      left join fan_lifecycle l on l.fan_id = c.fan_id
      where (l.stage, l.rule) is distinct from (c.stage, c.rule)
    ),
    history as (
      insert into fan_stage_history (fan_id, from_stage, to_stage, changed_at, rule_set_version,
        features)
      select c.fan_id, c.old_stage, c.stage, ${at}, ${ruleSet.version}::int,
        jsonb_build_object('rule', c.rule, ${historyFeatures})
      from computed c
      where c.old_stage is distinct from c.stage
      returning 1
    ),
    updated as (
      update fan_lifecycle l set
        stage = c.stage,
        rule = c.rule,
        since = case when l.stage = c.stage then l.since else ${at} end,
        updated_at = ${at}
      from computed c
      where l.fan_id = c.fan_id and c.stored
    ),
    inserted as (
      insert into fan_lifecycle (fan_id, stage, rule, since, updated_at)
      select c.fan_id, c.stage, c.rule, ${at}, ${at}
      from computed c
      where not c.stored
    )
    select count(*)::int as changes from history`);
  return result!.changes;
}

/**
 * The lifecycle job. Brings the stored features of changed and due fans up to `asOf`
 * (all of them when the published windows differ from the stored ones), then decides the
 * stage of those fans and of the fans whose silence or new window crossed a threshold
 * since the last run; every fan instead when the published rules are not the ones
 * fan_lifecycle reflects (after a publish). One transaction: the queue of changed fans is emptied only together with the
 * writes.
 */
export async function refreshLifecycle(
  db: Database,
  { asOf = new Date(), full = false }: { asOf?: Date; full?: boolean } = {},
): Promise<RefreshResult> {
  return db.transaction(async (tx) => {
    // One refresh at a time, whichever worker runs it.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lifecycle_refresh'))`);
    await tuneForLifecycle(tx);
    const ruleSet = await getPublishedRuleSet(tx);
    const [state] = await tx.execute<{
      rule_set_version: number | null;
      refreshed_at: string | null;
    }>(sql`select rule_set_version, refreshed_at from lifecycle_state where id = 1 for update`);
    // Emptied before computing: a fact committed meanwhile marks its fan again after us.
    // A fan with a fact later than `asOf` is recomputed and stays queued until that time.
    const at = sql`${asOf.toISOString()}::timestamptz`;
    const dirty = await tx.execute<{ fan_id: number }>(sql`
      with consumed as (
        delete from lifecycle_dirty_fans where latest_at <= ${at} returning fan_id
      )
      select fan_id from consumed
      union all
      select fan_id from lifecycle_dirty_fans where latest_at > ${at}`);
    let changed: number[] | null = null;
    if (!full && storeServes(await readFeatureStoreState(tx), ruleSet.params, asOf)) {
      changed = union(
        dirty.map((r) => Number(r.fan_id)),
        await dueFeatureFans(tx, asOf),
      );
      if (changed.length > FULL_PASS_ABOVE) changed = null;
    }
    await storeFeatures(tx, asOf, ruleSet.params, changed);

    let fanIds: number[] | null = null;
    if (changed !== null && state?.rule_set_version === ruleSet.version && state.refreshed_at) {
      const since = new Date(state.refreshed_at);
      fanIds = union(changed, await fansCrossingThresholds(tx, since, asOf, ruleSet.params));
      if (fanIds.length > FULL_PASS_ABOVE) fanIds = null;
    }
    const changes = fanIds?.length === 0 ? 0 : await applyStages(tx, asOf, ruleSet, fanIds);
    await tx.execute(sql`
      update lifecycle_state set rule_set_version = ${ruleSet.version},
        refreshed_at = ${asOf.toISOString()}::timestamptz
      where id = 1`);
    const fans = fanIds?.length ?? (await countStoredFans(tx));
    return {
      mode: fanIds === null ? 'full' : 'incremental',
      featuresRecomputed: changed === null ? 'all' : changed.length,
      ruleSetVersion: ruleSet.version,
      asOf,
      fans,
      changes,
    };
  });
}

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}
