import type { Stage } from '../../db/schema';
import type { StageFeatures, StageRule } from '../lifecycle/stages';
import type { ZoneCalendars } from './zone-calendar';
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

interface Params {
  newWindow: number;
  minEngagements: number;
  coreWindowDays: number;
  coreDaysOver: number;
  coreMessagesOver: number;
  atRisk: number;
  churn: number;
  valueWindow: number;
  minSpendCents: number;
}

function lowerBound(times: readonly number[], x: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(times: readonly number[], x: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** sums[i]: the sum of `of` over items [0, i). */
function prefixSums<T>(items: readonly T[], of: (item: T) => number): number[] {
  const sums = [0];
  for (const item of items) sums.push(sums.at(-1)! + of(item));
  return sums;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The engagements of the core window, per community: those on the window's calendar days
 * (in the community's zone) up to T, with their distinct days across communities. Slides
 * forward with T; rebuilt when the window's length changes with the rules.
 */
class CoreWindow {
  private readonly lists: {
    community: number;
    events: Engagement[];
    counts: number[];
    messages: number[];
  }[];
  private lo: number[] = [];
  private hi: number[] = [];
  private days = new Map<number, number>();
  engagements = 0;
  messages = 0;
  private length = -1;

  constructor(
    engagements: readonly Engagement[],
    private readonly calendars: ZoneCalendars,
  ) {
    const byCommunity = new Map<number, Engagement[]>();
    for (const e of engagements) {
      const list = byCommunity.get(e.community) ?? [];
      list.push(e);
      byCommunity.set(e.community, list);
    }
    this.lists = [...byCommunity].map(([community, events]) => ({
      community,
      events,
      counts: prefixSums(events, (e) => e.count),
      messages: prefixSums(events, (e) => e.messages),
    }));
  }

  get activeDays(): number {
    return this.days.size;
  }

  private add(day: number) {
    this.days.set(day, (this.days.get(day) ?? 0) + 1);
  }

  private remove(day: number) {
    const n = this.days.get(day)! - 1;
    if (n === 0) this.days.delete(day);
    else this.days.set(day, n);
  }

  /** Moves the window to end at `t` (never backwards while the length stays). */
  moveTo(t: number, length: number) {
    if (length !== this.length) {
      this.length = length;
      this.lo = this.lists.map(() => 0);
      this.hi = this.lists.map(() => 0);
      this.days.clear();
    }
    this.engagements = 0;
    this.messages = 0;
    this.lists.forEach((list, i) => {
      const firstDay = this.calendars.of(list.community).dayOf(t) - length + 1;
      const { events } = list;
      // The window holds events [lo, hi): on its days, and up to T. Both ends only move on.
      const lo = this.lo[i]!;
      const hi = this.hi[i]!;
      let newLo = lo;
      while (newLo < events.length && events[newLo]!.day < firstDay) newLo++;
      let newHi = hi;
      while (newHi < events.length && events[newHi]!.at <= t) newHi++;
      for (let k = lo; k < Math.min(hi, newLo); k++) this.remove(events[k]!.day);
      for (let k = Math.max(hi, newLo); k < newHi; k++) this.add(events[k]!.day);
      this.lo[i] = newLo;
      this.hi[i] = newHi;
      if (newHi > newLo) {
        this.engagements += list.counts[newHi]! - list.counts[newLo]!;
        this.messages += list.messages[newHi]! - list.messages[newLo]!;
      }
    });
  }

  /** When the earliest active day of the window leaves it; null when it is empty. */
  nextDrop(length: number): number | null {
    let drop: number | null = null;
    this.lists.forEach((list, i) => {
      if (this.hi[i]! <= this.lo[i]!) return;
      const at = this.calendars.of(list.community).midnight(list.events[this.lo[i]!]!.day + length);
      if (drop === null || at < drop) drop = at;
    });
    return drop;
  }
}

/** What the rules read of a fan at an instant (lifecycle_features() as of T, in ms and cents). */
interface Evaluation {
  lastEngaged: number | null;
  firstWindow: number;
  leftAll: boolean;
  spendCents: number;
  earliestPurchase: number | null;
}

/**
 * A fan's facts read forward in time: `at(t)` gives what the rules see at T, for T that
 * never decrease (the core window only slides on).
 */
class FanState {
  private readonly times: number[];
  private readonly counts: number[];
  readonly window: CoreWindow;
  private readonly presenceTimes: number[];
  private readonly latestRecord = new Map<number, boolean>();
  private leftCommunities = 0;
  private recordsSeen = 0;
  /** Engagements up to the last T. */
  upTo = 0;

  constructor(
    private readonly facts: FanFacts,
    calendars: ZoneCalendars,
  ) {
    this.times = facts.engagements.map((e) => e.at);
    this.counts = prefixSums(facts.engagements, (e) => e.count);
    this.window = new CoreWindow(facts.engagements, calendars);
    this.presenceTimes = [...facts.presence.values()].sort((a, b) => a - b);
  }

  at(t: number, p: Params): Evaluation {
    const { facts, times, counts } = this;
    const joined = facts.joinedAt;
    this.upTo = upperBound(times, t);
    while (
      this.recordsSeen < facts.memberships.length &&
      facts.memberships[this.recordsSeen]!.at <= t
    ) {
      const r = facts.memberships[this.recordsSeen++]!;
      const was = this.latestRecord.get(r.community);
      if (was === true) this.leftCommunities--;
      if (r.leave) this.leftCommunities++;
      this.latestRecord.set(r.community, r.leave);
    }
    const present = upperBound(this.presenceTimes, t);
    // The loaded engagements may hold the first window's and then a gap: the latest one
    // before the gap counts too.
    const loadedLast = this.upTo > 0 ? times[this.upTo - 1]! : null;
    const lastEngaged =
      facts.earlierEngagement !== null &&
      (loadedLast === null || facts.earlierEngagement > loadedLast)
        ? facts.earlierEngagement
        : loadedLast;
    const firstWindowEnd = joined + p.newWindow;
    const firstWindow =
      counts[t < firstWindowEnd ? this.upTo : lowerBound(times, firstWindowEnd)]! -
      counts[lowerBound(times, joined)]!;
    this.window.moveTo(t, p.coreWindowDays);
    let spendCents = 0;
    let earliestPurchase: number | null = null;
    for (const pu of facts.purchases) {
      if (pu.at > t) break;
      if (pu.at > t - p.valueWindow) {
        spendCents += pu.cents;
        if (earliestPurchase === null) earliestPurchase = pu.at;
      }
    }
    return {
      lastEngaged,
      firstWindow,
      leftAll: this.leftCommunities > 0 && this.leftCommunities === present,
      spendCents,
      earliestPurchase,
    };
  }

  /** The next engagement or membership record after the last T. */
  nextFact(): number {
    const { facts, times } = this;
    let next = Infinity;
    if (this.upTo < times.length) next = times[this.upTo]!;
    if (this.recordsSeen < facts.memberships.length)
      next = Math.min(next, facts.memberships[this.recordsSeen]!.at);
    return next;
  }
}

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

const paramsCache = new WeakMap<object, Params>();

function paramsOf(params: Record<string, number>): Params {
  const cached = paramsCache.get(params);
  if (cached) return cached;
  const p: Params = {
    newWindow: params.new_window_days! * DAY_MS,
    minEngagements: params.activation_min_engagements!,
    coreWindowDays: params.core_window_days!,
    coreDaysOver: params.core_active_days_over!,
    coreMessagesOver: params.core_messages_over!,
    atRisk: params.at_risk_silence_days! * DAY_MS,
    churn: (params.at_risk_silence_days! + params.churn_extra_silence_days!) * DAY_MS,
    valueWindow: params.high_value_window_days! * DAY_MS,
    minSpendCents: Math.round(params.high_value_min_spend! * 100),
  };
  paramsCache.set(params, p);
  return p;
}
