import type { Stage } from '../../db/schema';
import type { StageFeatures, StageRule } from '../lifecycle/stages';
import type { ZoneCalendars } from './zone-calendar';
import { FanState, paramsOf } from './fan-state';
import type { RuleTimeline } from './rule-timeline';

// A fan's stage as a step function of time (DESIGN §5, "Stage history is exact"), replayed
// from its facts: the stage is decided at each instant it can change (a fact, a publish, or
// the next moment the passing of time alone could change it, as lifecycle_decide() names
// it) and every change is kept at its own instant. The rules are the SQL's
// (db/sql/functions/lifecycle_*.sql): the tests hold the two equal at every instant.

const DAY_MS = 86_400_000;

/**
 * An engagement, or `count` of them counted as one where a replay needs only their number
 * (at: the latest of them). `day` is its calendar day in its community's zone (days since
 * 1970-01-01); `messages` how many are messages or replies.
 */
export interface Engagement {
  at: number;
  community: number;
  day: number;
  count: number;
  messages: number;
}

export interface MembershipRecord {
  at: number;
  community: number;
  leave: boolean;
}

export interface PurchaseRecord {
  at: number;
  /** In cents, so sums are exact. */
  cents: number;
  community: number | null;
}

/** What a replay of one fan needs; times in ms since the epoch. */
export interface FanFacts {
  fanId: number;
  /** Its earliest fact of any kind. */
  joinedAt: number;
  /** Replay from here on (-Infinity: the whole life). */
  from: number;
  /** The stage recorded just before `from` (null: none). */
  stageBefore: Stage | null;
  /**
   * Sorted by time: every engagement from `from` minus the longest core window and two
   * days, and those of the first window; those before `from` counted per calendar day and
   * per first window of the rules (a row never spans a day or a first window's end).
   */
  engagements: Engagement[];
  /** The latest engagement before the loaded ones, when not all are loaded. */
  earlierEngagement: number | null;
  /** Every record, sorted by time then id. */
  memberships: MembershipRecord[];
  /** Every purchase, sorted by time. */
  purchases: PurchaseRecord[];
  /** When the fan first appears in each community: a fact or a record there. */
  presence: Map<number, number>;
  /** What the history holds for the fan now, so that a replay that changes neither is not rewritten. */
  recorded: {
    /** Whether it has changes from `from` on. */
    changesFrom: boolean;
    /** When `stageBefore` began. */
    stageSince: number | null;
    presence: Map<number, number>;
  };
}

/** The deciding numbers as the history stores them (lifecycle_stages()'s, times as ISO text). */
export type StageFeaturesJson = Omit<StageFeatures, 'joined_at' | 'last_engaged_at'> & {
  rule: StageRule;
  joined_at: string;
  last_engaged_at: string | null;
};

/**
 * A decision: the first of a replay, then each that differs from the one before (a new
 * stage, or the same stage by another rule). Only those with `from` ≠ `to` are history.
 */
export interface Decision {
  at: number;
  from: Stage | null;
  to: Stage;
  rule: StageRule;
  ruleSetVersion: number;
  features: StageFeaturesJson;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const iso = (ms: number) => new Date(ms).toISOString();

/** A fan's row of fan_features as of an instant: lifecycle_features() under `params`' windows. */
export interface FanFeaturesRow {
  fanId: number;
  joinedAt: number;
  lastEngagedAt: number | null;
  firstWindowEngagements: number;
  windowEngagements: number;
  windowMessages: number;
  activeDays: number;
  spendCents: number;
  leftAll: boolean;
  windowDropAt: number | null;
  spendDropAt: number | null;
}

/**
 * The fan's features as of `t` (null before its first fact), from facts loaded for a
 * replay from a moment no later than `t`.
 */
export function fanFeaturesAt(
  facts: FanFacts,
  t: number,
  params: Record<string, number>,
  calendars: ZoneCalendars,
): FanFeaturesRow | null {
  if (facts.joinedAt > t) return null;
  const p = paramsOf(params);
  const state = new FanState(facts, calendars);
  const e = state.at(t, p);
  return {
    fanId: facts.fanId,
    joinedAt: facts.joinedAt,
    lastEngagedAt: e.lastEngaged,
    firstWindowEngagements: e.firstWindow,
    windowEngagements: state.window.engagements,
    windowMessages: state.window.messages,
    activeDays: state.window.activeDays,
    spendCents: e.spendCents,
    leftAll: e.leftAll,
    windowDropAt: state.window.nextDrop(p.coreWindowDays),
    spendDropAt: e.earliestPurchase === null ? null : e.earliestPurchase + p.valueWindow,
  };
}

/** Every decision of the fan's history from `facts.from` on, in time order, future ones included. */
export function replayFan(
  facts: FanFacts,
  rules: RuleTimeline,
  calendars: ZoneCalendars,
): Decision[] {
  const joined = facts.joinedAt;
  const state = new FanState(facts, calendars);
  const { window } = state;
  const purchases = facts.purchases;

  const decisions: Decision[] = [];
  let before: { stage: Stage; rule: StageRule | null } | null =
    facts.from > joined && facts.stageBefore ? { stage: facts.stageBefore, rule: null } : null;
  let t = Math.max(facts.from, joined);

  for (let guard = 0; ; guard++) {
    if (guard > 10_000_000) throw new Error(`History replay of fan ${facts.fanId} does not end`);
    const version = rules.at(t);
    const p = paramsOf(version.params);
    const { lastEngaged, firstWindow, leftAll, spendCents, earliestPurchase } = state.at(t, p);

    // lifecycle_decide().
    const silenceFrom = lastEngaged ?? joined;
    const silence = t - silenceFrom;
    const firstActivated = firstWindow >= p.minEngagements;
    const windowActivated = window.engagements >= p.minEngagements;
    const core = window.activeDays > p.coreDaysOver && window.messages > p.coreMessagesOver;
    let rule: StageRule;
    if (leftAll) rule = 'left_all';
    else if (silence >= p.churn) rule = 'churn_silence';
    else if (silence >= p.atRisk) rule = 'at_risk_silence';
    else if (t - joined >= p.newWindow && !(firstActivated || windowActivated))
      rule = 'not_activated';
    else if (spendCents > 0 && spendCents >= p.minSpendCents) rule = 'spend';
    else if (core) rule = 'core';
    else if (firstActivated || windowActivated) rule = 'activated';
    else rule = 'new';
    const stage = stageOf[rule];

    // The first decision always, as it tells the rule in force; after it, each change.
    if (!before || before.rule === null || before.stage !== stage || before.rule !== rule) {
      decisions.push({
        at: t,
        from: before?.stage ?? null,
        to: stage,
        rule,
        ruleSetVersion: version.version,
        features: {
          rule,
          joined_at: iso(joined),
          last_engaged_at: lastEngaged === null ? null : iso(lastEngaged),
          silence_days: round2(silence / DAY_MS),
          days_since_joined: round2((t - joined) / DAY_MS),
          first_window_engagements: firstWindow,
          window_engagements: window.engagements,
          window_messages: window.messages,
          active_days: window.activeDays,
          spend: spendCents / 100,
          left_all: leftAll,
        },
      });
    }
    before = { stage, rule };

    // The next instant anything can change.
    let next = state.nextFact();
    const nextPurchase = purchases.find((pu) => pu.at > t);
    if (nextPurchase) next = Math.min(next, nextPurchase.at);
    const publish = rules.nextAfter(t);
    if (publish !== null) next = Math.min(next, publish);
    if (rule !== 'left_all' && rule !== 'churn_silence') {
      for (const at of [silenceFrom + p.atRisk, silenceFrom + p.churn, joined + p.newWindow])
        if (at > t) next = Math.min(next, at);
      if (core || (windowActivated && !firstActivated)) {
        const drop = window.nextDrop(p.coreWindowDays);
        if (drop !== null && drop > t) next = Math.min(next, drop);
      }
      if (spendCents > 0 && earliestPurchase !== null)
        next = Math.min(next, earliestPurchase + p.valueWindow);
    }
    if (next === Infinity) return decisions;
    t = next;
  }
}

const stageOf: Record<StageRule, Stage> = {
  left_all: 'churned',
  churn_silence: 'churned',
  at_risk_silence: 'at_risk',
  not_activated: 'at_risk',
  spend: 'high_value',
  core: 'core',
  activated: 'active',
  new: 'new',
};
