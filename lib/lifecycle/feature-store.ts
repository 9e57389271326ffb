import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { RuleParams } from './rule-params';
import type { FanFeaturesRow } from '../history/replay-fan';
import { booleanArray, numberArray, textArray } from '../ingest/sql-arrays';

// fan_features holds every fan's lifecycle_features() as of the last refresh. What they
// count depends on the window lengths only; the thresholds are applied afresh on each pass.
// A stored row stays exact as time passes until the fan has a new fact (the dirty queue)
// or its `valid_until`, when a day or a purchase leaves its window.

const windowNames = ['new_window_days', 'core_window_days', 'high_value_window_days'] as const;
export type FeatureWindows = Pick<RuleParams, (typeof windowNames)[number]>;

export function featureWindows(params: RuleParams): FeatureWindows {
  return Object.fromEntries(windowNames.map((name) => [name, params[name]])) as FeatureWindows;
}

export interface FeatureStoreState {
  windows: Record<string, number> | null;
  asOf: Date | null;
}

/**
 * Whether the stored features can be evaluated as of `asOf` under `params` once the
 * changed and due fans are recomputed: counted with the same windows, and not ahead of
 * `asOf` (they may hold facts after an earlier moment).
 */
export function storeServes(state: FeatureStoreState, params: RuleParams, asOf: Date): boolean {
  const windows = featureWindows(params);
  return (
    state.asOf !== null &&
    state.asOf.getTime() <= asOf.getTime() &&
    windowNames.every((name) => state.windows?.[name] === windows[name])
  );
}

export async function readFeatureStoreState(tx: Executor): Promise<FeatureStoreState> {
  const [row] = await tx.execute<{
    feature_windows: Record<string, number> | null;
    features_as_of: string | null;
  }>(sql`select feature_windows, features_as_of from lifecycle_state where id = 1`);
  return {
    windows: row?.feature_windows ?? null,
    asOf: row?.features_as_of ? new Date(row.features_as_of) : null,
  };
}

/** Fans whose stored features stop being exact by `asOf` with no new fact. */
export async function dueFeatureFans(tx: Executor, asOf: Date): Promise<number[]> {
  const rows = await tx.execute<{ fan_id: number }>(
    sql`select fan_id from fan_features where valid_until <= ${asOf.toISOString()}::timestamptz`,
  );
  return rows.map((r) => Number(r.fan_id));
}

/**
 * Fans whose silence crossed the at-risk or churn threshold, or whose new window ended,
 * after `since` and by `asOf`: with the fans changed or due, every fan whose stage the
 * passing of time can have changed since the last run.
 */
export async function fansCrossingThresholds(
  tx: Executor,
  since: Date,
  asOf: Date,
  params: RuleParams,
): Promise<number[]> {
  const from = sql`${since.toISOString()}::timestamptz`;
  const to = sql`${asOf.toISOString()}::timestamptz`;
  const days = (n: number) => sql`${n}::int * interval '24 hours'`;
  const atRisk = days(params.at_risk_silence_days);
  const churn = days(params.at_risk_silence_days + params.churn_extra_silence_days);
  const newWindow = days(params.new_window_days);
  const rows = await tx.execute<{ fan_id: number }>(sql`
    select fan_id from fan_features
    where (silence_from > ${from} - ${atRisk} and silence_from <= ${to} - ${atRisk})
      or (silence_from > ${from} - ${churn} and silence_from <= ${to} - ${churn})
      or (joined_at > ${from} - ${newWindow} and joined_at <= ${to} - ${newWindow})`);
  return rows.map((r) => Number(r.fan_id));
}

export async function countStoredFans(tx: Executor): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from fan_features`);
  return row!.n;
}

/** The columns fan_features shares with lifecycle_features(). */
export const storedFeatureColumns = sql.raw(
  [
    'fan_id',
    'joined_at',
    'last_engaged_at',
    'first_window_engagements',
    'window_engagements',
    'window_messages',
    'active_days',
    'spend',
    'left_all',
    'window_drop_at',
    'spend_drop_at',
  ].join(', '),
);

/**
 * Recomputes the stored features of the given fans (every fan when null) from the facts as
 * of `asOf`, with `params`' windows. Every fan's also records the windows and the moment in
 * lifecycle_state; a list only brings those fans up to `asOf`, so the caller must pass
 * every fan that is changed or due.
 */
export async function storeFeatures(
  tx: Executor,
  asOf: Date,
  params: RuleParams,
  fanIds: readonly number[] | null,
): Promise<void> {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  const features = sql`lifecycle_features(${at}, ${JSON.stringify(params)}::jsonb`;
  if (fanIds === null) {
    await tx.execute(sql`truncate fan_features`);
    await tx.execute(
      sql`insert into fan_features (${storedFeatureColumns}) select ${storedFeatureColumns} from ${features})`,
    );
  } else if (fanIds.length > 0) {
    const ids = sql`${`{${fanIds.join(',')}}`}::bigint[]`;
    await tx.execute(sql`delete from fan_features where fan_id = any(${ids})`);
    await tx.execute(
      sql`insert into fan_features (${storedFeatureColumns}) select ${storedFeatureColumns} from ${features}, ${ids})`,
    );
  }
  await tx.execute(sql`
    update lifecycle_state set features_as_of = ${at},
      feature_windows = ${JSON.stringify(featureWindows(params))}::jsonb
    where id = 1`);
}

const stamps = (times: readonly (number | null)[]) =>
  textArray(times.map((t) => (t === null ? null : new Date(t).toISOString())));

/**
 * Replaces the stored features of `fanIds` with `rows`, worked out by the history replay
 * as of the job's moment (fans without a row have no fact by then). The job records that
 * moment in lifecycle_state once its run ends.
 */
export async function writeFeatureRows(
  tx: Executor,
  fanIds: readonly number[],
  rows: readonly FanFeaturesRow[],
): Promise<void> {
  if (fanIds.length === 0) return;
  await tx.execute(
    sql`delete from fan_features where fan_id = any(${numberArray(fanIds)}::bigint[])`,
  );
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into fan_features (${storedFeatureColumns})
    select r.fan_id, r.joined_at, r.last_engaged_at, r.first_window, r.window_engagements,
      r.window_messages, r.active_days, round(r.spend_cents / 100.0, 2), r.left_all,
      r.window_drop_at, r.spend_drop_at
    from unnest(
      ${numberArray(rows.map((r) => r.fanId))}::bigint[],
      ${stamps(rows.map((r) => r.joinedAt))}::timestamptz[],
      ${stamps(rows.map((r) => r.lastEngagedAt))}::timestamptz[],
      ${numberArray(rows.map((r) => r.firstWindowEngagements))}::bigint[],
      ${numberArray(rows.map((r) => r.windowEngagements))}::bigint[],
      ${numberArray(rows.map((r) => r.windowMessages))}::bigint[],
      ${numberArray(rows.map((r) => r.activeDays))}::bigint[],
      ${numberArray(rows.map((r) => r.spendCents))}::bigint[],
      ${booleanArray(rows.map((r) => r.leftAll))}::boolean[],
      ${stamps(rows.map((r) => r.windowDropAt))}::timestamptz[],
      ${stamps(rows.map((r) => r.spendDropAt))}::timestamptz[]
    ) as r(fan_id, joined_at, last_engaged_at, first_window, window_engagements,
      window_messages, active_days, spend_cents, left_all, window_drop_at, spend_drop_at)
    order by r.fan_id`);
}
