import type { ZoneCalendars } from './zone-calendar';
import type { Engagement, FanFacts } from './replay-fan';

// A fan's facts read forward in time, as the history replay steps through them: what the
// rules see of the fan at each instant (lifecycle_features(), in ms and cents).

const DAY_MS = 86_400_000;

export interface Params {
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
export interface Evaluation {
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
export class FanState {
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

const paramsCache = new WeakMap<object, Params>();

export function paramsOf(params: Record<string, number>): Params {
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
