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

/**
 * Why the server refused a field, as a key of rules.fieldErrors and its values, so the page
 * says it in the reader's language. The engine's own message (English) is the fallback.
 */
export type FieldProblem =
  | { key: 'whole' }
  | { key: 'min' | 'max'; limit: number }
  | { key: 'churnAfterAtRisk' }
  | { key: 'coreBelowWindow'; window: number | null }
  | { key: 'other'; message: string };

export function fieldProblem(
  name: string,
  serverMessage: string,
  sent: Record<string, unknown>,
): FieldProblem {
  const field = ruleFieldByName[name as RuleParamName];
  if (!field) return { key: 'other', message: serverMessage };
  const value = sent[name];
  if (typeof value !== 'number' || !Number.isInteger(value)) return { key: 'whole' };
  if (value < field.min)
    return name === 'churn_extra_silence_days'
      ? { key: 'churnAfterAtRisk' }
      : { key: 'min', limit: field.min };
  if (value > field.max) return { key: 'max', limit: field.max };
  if (name === 'core_active_days_over') {
    const window = sent.core_window_days;
    return { key: 'coreBelowWindow', window: typeof window === 'number' ? window : null };
  }
  return { key: 'other', message: serverMessage };
}
