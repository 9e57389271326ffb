import { buildNamePools, type NamePools } from './names';
import { Random } from './random';

export const DAY_MS = 86_400_000;

/** Everything about a fan that does not depend on the interval being simulated. */
export interface FanTraits {
  index: number;
  telegramUserId: number;
  joinAt: number;
  /** Engagements per day while engaged; 0 for lurkers. */
  rate: number;
  /** Share of days the fan shows up at all; its engagements bunch on those days. */
  presence: number;
  core: boolean;
  /** After this the fan goes quiet. */
  activeUntil: number;
  /** When the fan leaves both communities, or Infinity. */
  leaveAt: number;
  inGroup: boolean;
  invitedBy: number | null;
  orders: { at: number; amount: number }[];
}

/** The history's fans as columns (a million trait objects would not fit comfortably). */
export interface World {
  seed: number;
  fanCount: number;
  start: number;
  end: number;
  /** Join times, ascending: fan i joined at joinAt[i]. */
  joinAt: Float64Array;
  rate: Float32Array;
  presence: Float32Array;
  activeUntil: Float64Array;
  leaveAt: Float64Array;
  core: Uint8Array;
  inGroup: Uint8Array;
  /** Every order of the history's fans, by time. */
  orders: { fan: number; at: number; amount: number; seq: number }[];
  names: NamePools;
}

export interface WorldOptions {
  fans: number;
  seed: number;
  /** End of the generated history (exclusive). */
  end: Date;
  days?: number;
}

export function createWorld({ fans, seed, end, days = 120 }: WorldOptions): World {
  const endMs = end.getTime();
  const start = endMs - days * DAY_MS;
  const rng = new Random(seed, 0);
  const joinAt = new Float64Array(fans);
  // Growth that speeds up over time, plus two campaigns that each bring a burst of joiners.
  const campaigns = [0.33, 0.79].map((x) => start + x * days * DAY_MS);
  for (let i = 0; i < fans; i++) {
    const r = rng.next();
    if (r < 0.12) joinAt[i] = rng.pick(campaigns) + rng.exponential(0.6 * DAY_MS);
    else joinAt[i] = start + ((Math.sqrt(1 + 8 * rng.next()) - 1) / 2) * days * DAY_MS;
    joinAt[i] = Math.min(endMs - 1000, Math.floor(joinAt[i]! / 1000) * 1000);
  }
  joinAt.sort();
  const world: World = {
    seed,
    fanCount: fans,
    start,
    end: endMs,
    joinAt,
    rate: new Float32Array(fans),
    presence: new Float32Array(fans),
    activeUntil: new Float64Array(fans),
    leaveAt: new Float64Array(fans),
    core: new Uint8Array(fans),
    inGroup: new Uint8Array(fans),
    orders: [],
    names: buildNamePools(seed),
  };
  for (let i = 0; i < fans; i++) {
    const t = fanTraits(world, i);
    world.rate[i] = t.rate;
    world.presence[i] = t.presence;
    world.activeUntil[i] = t.activeUntil;
    world.leaveAt[i] = t.leaveAt;
    world.core[i] = t.core ? 1 : 0;
    world.inGroup[i] = t.inGroup ? 1 : 0;
    for (const o of t.orders) world.orders.push({ fan: i, ...o, seq: world.orders.length });
  }
  world.orders.sort((a, b) => a.at - b.at || a.seq - b.seq);
  return world;
}

export function telegramUserIdOf(index: number): number {
  // A bijection on 32 bits, so ids look scattered but never collide.
  return 5_000_000_000 + (Math.imul(index + 1, 0x9e3779b1) >>> 0);
}

/** Deterministic per fan; fans past the history (joining live) get join times from the caller. */
export function fanTraits(world: World, index: number, joinAt = world.joinAt[index]!): FanTraits {
  const rng = new Random(world.seed, 1, index);
  const core = rng.chance(0.015);
  const lurker = !core && rng.chance(0.3);
  const rate = core ? rng.logNormal(6, 0.3) : lurker ? 0 : Math.min(20, rng.logNormal(1, 1.1));
  const presence = core ? 0.9 : rng.chance(0.06) ? 0.65 : 0.35;
  const activeUntil = joinAt + rng.exponential(core ? 400 : 40) * DAY_MS;
  let leaveAt = Infinity;
  if (lurker && rng.chance(0.15)) leaveAt = joinAt + rng.exponential(30) * DAY_MS;
  else if (!core && rng.chance(0.35)) leaveAt = activeUntil + rng.exponential(10) * DAY_MS;
  const invitedBy =
    index > 10 && rng.chance(0.08) ? rng.int(Math.max(0, index - 5000), index - 1) : null;
  // Buyers differ, as the value models assume: each has its own pace (a purchase every few
  // days to every few months) and its own chance of buying again after each purchase.
  const orders: FanTraits['orders'] = [];
  if (rng.chance(core ? 0.5 : 0.07)) {
    const gapDays = rng.logNormal(core ? 12 : 30, 0.8);
    const again = core ? 0.6 + 0.35 * rng.next() : rng.next() ** 1.5 * 0.9;
    let at = joinAt + rng.exponential(gapDays) * DAY_MS;
    do {
      orders.push({
        at: Math.floor(at / 1000) * 1000,
        amount: Math.round(rng.logNormal(88, 0.6) * 100) / 100,
      });
      at += rng.exponential(gapDays) * DAY_MS;
    } while (rng.chance(again));
  }
  return {
    index,
    telegramUserId: telegramUserIdOf(index),
    joinAt,
    rate,
    presence,
    core,
    activeUntil,
    leaveAt: Math.floor(leaveAt / 1000) * 1000,
    inGroup: rate > 0 || rng.chance(0.3),
    invitedBy,
    orders,
  };
}
