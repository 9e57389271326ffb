import {
  ruleParamNames,
  ruleParamsSchema,
  type RuleParamName,
  type RuleParams,
} from '../lifecycle/rule-params';

// The rule parameters as the Rules page shows and edits them. Pure: the browser uses it too.

export type ParamUnit = 'days' | 'count' | 'spend';

export interface RuleField {
  name: RuleParamName;
  unit: ParamUnit;
  /** The allowed whole numbers, read from the engine's schema so they never disagree. */
  min: number;
  max: number;
}

const units: Record<RuleParamName, ParamUnit> = {
  new_window_days: 'days',
  activation_min_engagements: 'count',
  core_window_days: 'days',
  core_active_days_over: 'days',
  core_messages_over: 'count',
  at_risk_silence_days: 'days',
  churn_extra_silence_days: 'days',
  high_value_window_days: 'days',
  high_value_min_spend: 'spend',
};

/** Every parameter in the order of DESIGN §5's table. */
export const ruleFields: readonly RuleField[] = ruleParamNames.map((name) => {
  const shape = ruleParamsSchema.shape[name];
  return { name, unit: units[name], min: shape.minValue ?? 0, max: shape.maxValue ?? 0 };
});

export const ruleFieldByName = Object.fromEntries(ruleFields.map((f) => [f.name, f])) as Record<
  RuleParamName,
  RuleField
>;

export interface ParamChange {
  param: RuleParamName;
  from: number;
  to: number;
}

/** The parameters whose value differs between `before` and `after`, in table order. */
export function changedParams(before: RuleParams, after: RuleParams): ParamChange[] {
  return ruleFields
    .filter((f) => before[f.name] !== after[f.name])
    .map((f) => ({ param: f.name, from: before[f.name], to: after[f.name] }));
}

export function sameParams(a: RuleParams, b: RuleParams): boolean {
  return changedParams(a, b).length === 0;
}

/** What an input holds, as the value sent to the server: a number, or null when empty. */
export function inputValue(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}
