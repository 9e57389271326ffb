import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Stage } from '../../db/schema';
import type { RuleParams } from './rule-params';

/** Which rule of DESIGN §5 decided a fan's stage. */
export const stageRules = [
  'left_all',
  'churn_silence',
  'at_risk_silence',
  'not_activated',
  'spend',
  'core',
  'activated',
  'new',
] as const;
export type StageRule = (typeof stageRules)[number];

/** The deciding numbers, as lifecycle_stages() returns them and history stores them. */
export interface StageFeatures {
  joined_at: Date;
  last_engaged_at: Date | null;
  silence_days: number;
  days_since_joined: number;
  first_window_engagements: number;
  window_engagements: number;
  window_messages: number;
  active_days: number;
  spend: number;
  left_all: boolean;
}

export interface FanStage extends StageFeatures {
  fan_id: number;
  stage: Stage;
  rule: StageRule;
  next_check_at: Date | null;
}

export const featureColumns = [
  'joined_at',
  'last_engaged_at',
  'silence_days',
  'days_since_joined',
  'first_window_engagements',
  'window_engagements',
  'window_messages',
  'active_days',
  'spend',
  'left_all',
] as const satisfies readonly (keyof StageFeatures)[];

function stagesFrom(fn: SQL, asOf: Date, params: RuleParams, fanIds?: readonly number[]): SQL {
  const only = fanIds ? sql`${`{${fanIds.join(',')}}`}::bigint[]` : sql`null::bigint[]`;
  return sql`select * from ${fn}(${asOf.toISOString()}::timestamptz,
    ${JSON.stringify(params)}::jsonb, ${only})`;
}

/**
 * The SQL that yields every fan's stage as of `asOf` under `params` (or only `fanIds`'s),
 * from the facts. Postgres inlines lifecycle_stages(), so a custom plan sees the list or
 * its absence.
 */
export function stagesQuery(asOf: Date, params: RuleParams, fanIds?: readonly number[]): SQL {
  return stagesFrom(sql`lifecycle_stages`, asOf, params, fanIds);
}

/**
 * The same from the features the lifecycle job stores (fan_features): equal to
 * stagesQuery only while they are current as of `asOf` and counted with `params`' windows
 * (see feature-store.ts).
 */
export function storedStagesQuery(asOf: Date, params: RuleParams, fanIds?: readonly number[]): SQL {
  return stagesFrom(sql`lifecycle_stored_stages`, asOf, params, fanIds);
}

/**
 * Plans each lifecycle statement for its actual inputs (the fan list above all) and gives
 * the whole-table aggregations room to hash in memory. JIT compilation costs more than it
 * saves on these queries. For a transaction, on whichever client runs it.
 */
export const lifecycleSettings = [
  'set local plan_cache_mode = force_custom_plan',
  "set local work_mem = '64MB'",
  'set local jit = off',
  // The tables these statements read are hot in memory: at the default 4 a list of 11,000
  // fans out of a million was read by full scans, four times slower than by index.
  'set local random_page_cost = 1.1',
];

export async function tuneForLifecycle(tx: Executor): Promise<void> {
  for (const setting of lifecycleSettings) await tx.execute(sql.raw(setting));
}

function parse(row: Record<string, unknown>): FanStage {
  return {
    ...(row as unknown as FanStage),
    fan_id: Number(row.fan_id),
    joined_at: new Date(row.joined_at as string),
    last_engaged_at: row.last_engaged_at ? new Date(row.last_engaged_at as string) : null,
    next_check_at: row.next_check_at ? new Date(row.next_check_at as string) : null,
    silence_days: Number(row.silence_days),
    days_since_joined: Number(row.days_since_joined),
    first_window_engagements: Number(row.first_window_engagements),
    window_engagements: Number(row.window_engagements),
    window_messages: Number(row.window_messages),
    active_days: Number(row.active_days),
    spend: Number(row.spend),
  };
}

/** Stages of the given fans (all when omitted), in a transaction tuned for it. */
export async function stagesAsOf(
  db: Executor,
  asOf: Date,
  params: RuleParams,
  fanIds?: readonly number[],
): Promise<FanStage[]> {
  return db.transaction(async (tx) => {
    await tuneForLifecycle(tx);
    const rows = await tx.execute<Record<string, unknown>>(
      sql`${stagesQuery(asOf, params, fanIds)} order by fan_id`,
    );
    return rows.map(parse);
  });
}
