import { z } from 'zod';

// The thresholds operators edit (DESIGN §5). Every value is a whole number: days, counts,
// or spend in the shop's currency units.
const whole = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

/**
 * The rules as the engine accepts them. The rule across fields refuses with its own code
 * and the largest value allowed, so the page can word it without checking it again.
 */
export const ruleParamsSchema = z
  .object({
    new_window_days: whole('new_window_days', 1, 90),
    activation_min_engagements: whole('activation_min_engagements', 1, 1000),
    core_window_days: whole('core_window_days', 1, 365),
    core_active_days_over: whole('core_active_days_over', 0, 364),
    core_messages_over: whole('core_messages_over', 0, 100_000),
    at_risk_silence_days: whole('at_risk_silence_days', 1, 365),
    // Extra silence after at risk, at least a day: churn always comes after at risk.
    churn_extra_silence_days: whole('churn_extra_silence_days', 1, 730),
    high_value_window_days: whole('high_value_window_days', 1, 3650),
    /** 0 means any purchase: a fan is high-value when its spend is > 0 and ≥ this. */
    high_value_min_spend: whole('high_value_min_spend', 0, 1_000_000_000),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.core_active_days_over >= p.core_window_days)
      ctx.addIssue({
        code: 'custom',
        path: ['core_active_days_over'],
        message:
          'core_active_days_over must be less than core_window_days, or no fan could be core',
        params: { code: 'core_days_within_window', maximum: p.core_window_days - 1 },
      });
  });

export type RuleParams = z.infer<typeof ruleParamsSchema>;
export type RuleParamName = keyof RuleParams;

export const defaultRuleParams: RuleParams = {
  new_window_days: 7,
  activation_min_engagements: 3,
  core_window_days: 30,
  core_active_days_over: 20,
  core_messages_over: 50,
  at_risk_silence_days: 15,
  churn_extra_silence_days: 30,
  high_value_window_days: 365,
  high_value_min_spend: 0,
};

export const ruleParamNames = Object.keys(defaultRuleParams) as RuleParamName[];
