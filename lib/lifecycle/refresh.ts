import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { getPublishedRuleSet, type StoredRuleSet } from './rule-sets';
import { featureColumns, stagesQuery, tuneForLifecycle } from './stages';

export interface RefreshResult {
  mode: 'incremental' | 'full';
  ruleSetVersion: number;
  asOf: Date;
  /** Fans whose stage was computed. */
  fans: number;
  /** Stage changes written to fan_stage_history. */
  changes: number;
}

/** Past this many fans to look at, one pass over everything is cheaper than a list. */
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
): Promise<{ fans: number; changes: number }> {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  const version = sql`${ruleSet.version}::int`;
  const [result] = await tx.execute<{ fans: number; changes: number }>(sql`
    -- Each fan's new stage beside its stored row, read once before any write: an anti-join
    -- against fan_lifecycle while inserting into it rescans the growing table per row.
    with computed as materialized (
      select c.*, l.fan_id is not null as stored, l.stage as old_stage,
        (l.stage, l.rule, l.rule_set_version, l.next_check_at) is distinct from
          (c.stage, c.rule, ${version}, c.next_check_at) as differs
      from (${stagesQuery(asOf, ruleSet.params, fanIds ?? undefined)}) c
      left join fan_lifecycle l on l.fan_id = c.fan_id
    ),
    history as (
      insert into fan_stage_history (fan_id, from_stage, to_stage, changed_at, rule_set_version,
        features)
      select c.fan_id, c.old_stage, c.stage, ${at}, ${version},
        jsonb_build_object('rule', c.rule, ${historyFeatures})
      from computed c
      where c.old_stage is distinct from c.stage
      returning 1
    ),
    -- Joins rather than insert … on conflict: after a publish nearly every row changes
    -- (next_check_at moves with the thresholds), and one hash join beats a million probes.
    updated as (
      update fan_lifecycle l set
        stage = c.stage,
        rule = c.rule,
        rule_set_version = ${version},
        since = case when l.stage = c.stage then l.since else ${at} end,
        next_check_at = c.next_check_at,
        updated_at = ${at}
      from computed c
      where l.fan_id = c.fan_id and c.stored and c.differs
    ),
    inserted as (
      insert into fan_lifecycle (fan_id, stage, rule, rule_set_version, since, next_check_at,
        updated_at)
      select c.fan_id, c.stage, c.rule, ${version}, ${at}, c.next_check_at, ${at}
      from computed c
      where not c.stored
    )
    select (select count(*) from computed)::int as fans,
      (select count(*) from history)::int as changes`);
  return { fans: result!.fans, changes: result!.changes };
}

/**
 * The lifecycle job. Looks at the fans whose facts changed since the last run and those
 * whose stage the passing of time can change by now; recomputes every fan instead when
 * the published rules are not the ones fan_lifecycle reflects (after a publish). One
 * transaction: the queue of changed fans is emptied only together with the writes.
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
    const [state] = await tx.execute<{ rule_set_version: number | null }>(
      sql`select rule_set_version from lifecycle_state where id = 1 for update`,
    );
    let fanIds: number[] | null = null;
    if (!full && state?.rule_set_version === ruleSet.version) {
      // Emptied before computing: a fact committed meanwhile marks its fan again after us.
      const dirty = await tx.execute<{ fan_id: number }>(
        sql`delete from lifecycle_dirty_fans returning fan_id`,
      );
      const due = await tx.execute<{ fan_id: number }>(
        sql`select fan_id from fan_lifecycle where next_check_at <= ${asOf.toISOString()}::timestamptz`,
      );
      const ids = new Set([...dirty, ...due].map((r) => Number(r.fan_id)));
      if (ids.size <= FULL_PASS_ABOVE) fanIds = [...ids].sort((a, b) => a - b);
    }
    if (fanIds === null) await tx.execute(sql`delete from lifecycle_dirty_fans`);
    const { fans, changes } =
      fanIds?.length === 0 ? { fans: 0, changes: 0 } : await applyStages(tx, asOf, ruleSet, fanIds);
    await tx.execute(sql`
      insert into lifecycle_state (id, rule_set_version, refreshed_at)
      values (1, ${ruleSet.version}, ${asOf.toISOString()}::timestamptz)
      on conflict (id) do update set rule_set_version = excluded.rule_set_version,
        refreshed_at = excluded.refreshed_at`);
    return {
      mode: fanIds === null ? 'full' : 'incremental',
      ruleSetVersion: ruleSet.version,
      asOf,
      fans,
      changes,
    };
  });
}
