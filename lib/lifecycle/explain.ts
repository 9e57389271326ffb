import type { Database } from '../../db/client';
import type { RuleParamName, RuleParams } from './rule-params';
import { getPublishedRuleSet, getRuleSet } from './rule-sets';
import { stagesAsOf, type FanStage, type StageFeatures } from './stages';

/** One comparison that decided the stage, e.g. silence_days 16 ≥ 15. */
export interface Condition {
  feature: keyof StageFeatures | 'engagements_so_far';
  value: number;
  op: '≥' | '<' | '>';
  threshold: number;
  params: RuleParamName[];
}

export interface Explanation {
  fan: FanStage;
  ruleSetVersion: number;
  asOf: Date;
  conditions: Condition[];
  /** The same in words, e.g. "at_risk: 16 days silent ≥ 15". */
  text: string;
}

const labels: Record<Condition['feature'], string> = {
  silence_days: 'days silent',
  days_since_joined: 'days since joining',
  first_window_engagements: 'engagements in the first window',
  window_engagements: 'engagements in the core window',
  window_messages: 'messages in the core window',
  active_days: 'active days in the core window',
  spend: 'spent in the value window',
  engagements_so_far: 'engagements so far',
  joined_at: 'joined',
  last_engaged_at: 'last engaged',
  left_all: 'left every community',
};

function conditionsFor(f: FanStage, p: RuleParams): Condition[] {
  const c = (
    feature: Condition['feature'],
    value: number,
    op: Condition['op'],
    threshold: number,
    ...params: RuleParamName[]
  ): Condition => ({ feature, value, op, threshold, params });
  const silence = Math.floor(f.silence_days);
  const joined = Math.floor(f.days_since_joined);
  const minEng = p.activation_min_engagements;
  const activatedBy = () =>
    f.first_window_engagements >= minEng
      ? c(
          'first_window_engagements',
          f.first_window_engagements,
          '≥',
          minEng,
          'activation_min_engagements',
          'new_window_days',
        )
      : c(
          'window_engagements',
          f.window_engagements,
          '≥',
          minEng,
          'activation_min_engagements',
          'core_window_days',
        );
  switch (f.rule) {
    case 'left_all':
      return [];
    case 'churn_silence':
      return [
        c(
          'silence_days',
          silence,
          '≥',
          p.at_risk_silence_days + p.churn_extra_silence_days,
          'at_risk_silence_days',
          'churn_extra_silence_days',
        ),
      ];
    case 'at_risk_silence':
      return [c('silence_days', silence, '≥', p.at_risk_silence_days, 'at_risk_silence_days')];
    case 'not_activated':
      return [
        c('days_since_joined', joined, '≥', p.new_window_days, 'new_window_days'),
        c(
          'first_window_engagements',
          f.first_window_engagements,
          '<',
          minEng,
          'activation_min_engagements',
        ),
        c('window_engagements', f.window_engagements, '<', minEng, 'activation_min_engagements'),
      ];
    case 'spend':
      return [
        c(
          'spend',
          f.spend,
          p.high_value_min_spend > 0 ? '≥' : '>',
          p.high_value_min_spend,
          'high_value_min_spend',
          'high_value_window_days',
        ),
      ];
    case 'core':
      return [
        c(
          'active_days',
          f.active_days,
          '>',
          p.core_active_days_over,
          'core_active_days_over',
          'core_window_days',
        ),
        c(
          'window_messages',
          f.window_messages,
          '>',
          p.core_messages_over,
          'core_messages_over',
          'core_window_days',
        ),
      ];
    case 'activated':
      return [activatedBy()];
    case 'new':
      return [
        c('days_since_joined', joined, '<', p.new_window_days, 'new_window_days'),
        c(
          'engagements_so_far',
          f.first_window_engagements,
          '<',
          minEng,
          'activation_min_engagements',
        ),
      ];
  }
}

function describe(f: FanStage, conditions: Condition[]): string {
  if (f.rule === 'left_all') return `${f.stage}: left every community it was in`;
  const parts = conditions.map((c) => `${c.value} ${labels[c.feature]} ${c.op} ${c.threshold}`);
  return `${f.stage}: ${parts.join(', ')}`;
}

/**
 * Why a fan is in its stage: the rule that matched and the numbers that made it match,
 * under the published rules (or a given version) as of now (or a given time).
 */
export async function explainFan(
  db: Database,
  fanId: number,
  { asOf = new Date(), ruleVersion }: { asOf?: Date; ruleVersion?: number } = {},
): Promise<Explanation | null> {
  const ruleSet = ruleVersion ? await getRuleSet(db, ruleVersion) : await getPublishedRuleSet(db);
  const [fan] = await stagesAsOf(db, asOf, ruleSet.params, [fanId]);
  if (!fan) return null;
  const conditions = conditionsFor(fan, ruleSet.params);
  return {
    fan,
    ruleSetVersion: ruleSet.version,
    asOf,
    conditions,
    text: describe(fan, conditions),
  };
}
