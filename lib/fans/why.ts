import type { Database } from '../../db/client';
import type { Stage } from '../../db/schema';
import { explainFan, type Condition } from '../lifecycle/explain';
import type { RuleParamName } from '../lifecycle/rule-params';
import type { StageRule } from '../lifecycle/stages';

// Why a fan is in its stage, from the lifecycle engine (lib/lifecycle/explain.ts), in a
// shape the page words in its own language: the engine's `text` is English only, so its
// conditions are passed on as data (feature, value, comparison, threshold, parameters).

export type Comparison = 'atLeast' | 'below' | 'above';
const comparisons: Record<Condition['op'], Comparison> = {
  '≥': 'atLeast',
  '<': 'below',
  '>': 'above',
};

export interface StageWhy {
  stage: Stage;
  rule: StageRule;
  ruleSetVersion: number;
  asOf: string;
  conditions: {
    feature: Condition['feature'];
    value: number;
    comparison: Comparison;
    threshold: number;
    params: RuleParamName[];
  }[];
}

/** The deciding conditions of the fan's stage now, or null for a fan with no facts. */
export async function getStageWhy(
  db: Database,
  fanId: number,
  { asOf = new Date() }: { asOf?: Date } = {},
): Promise<StageWhy | null> {
  const explanation = await explainFan(db, fanId, { asOf });
  if (!explanation) return null;
  return {
    stage: explanation.fan.stage,
    rule: explanation.fan.rule,
    ruleSetVersion: explanation.ruleSetVersion,
    asOf: explanation.asOf.toISOString(),
    conditions: explanation.conditions.map((c) => ({
      feature: c.feature,
      value: c.value,
      comparison: comparisons[c.op],
      threshold: c.threshold,
      params: c.params,
    })),
  };
}
