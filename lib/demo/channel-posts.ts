import type { FactOf } from '../ingest/facts';
import { demoChannel } from './communities';
import { phraseFor } from './phrases';
import { Random } from './random';
import { DAY_MS, type World } from './world';

const HOUR = 3_600_000;
const POSTS_PER_DAY = 3;
const SLOT_HOURS_UTC = [1, 5, 12]; // 09:00, 13:00 and 20:00 in Shanghai
const SNAPSHOT_AGES = [1, 3, 6, 12, 24, 48, 72, 168, 336].map((h) => h * HOUR);

interface ChannelPost {
  messageId: number;
  at: number;
  finalViews: number;
  quality: number;
}

function postAt(world: World, k: number): ChannelPost {
  const rng = new Random(world.seed, 3, k);
  const day = Math.floor(k / POSTS_PER_DAY);
  const at = world.start + day * DAY_MS + SLOT_HOURS_UTC[k % POSTS_PER_DAY]! * HOUR;
  const jittered = Math.floor((at + (rng.next() - 0.5) * 1.2 * HOUR) / 1000) * 1000;
  const followers = 300 + 0.9 * joinedBy(world, jittered);
  const quality = rng.logNormal(1, 0.35);
  return { messageId: k + 1, at: jittered, finalViews: followers * 0.55 * quality, quality };
}

function joinedBy(world: World, t: number): number {
  let lo = 0;
  let hi = world.fanCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (world.joinAt[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counters of a post at a given age: views grow fast, then settle. */
function countersAt(post: ChannelPost, age: number) {
  const views = Math.floor(post.finalViews * (1 - Math.exp(-age / (10 * HOUR))));
  return {
    views,
    forwards: Math.floor(views * 0.004 * post.quality),
    reactions: Math.floor(views * 0.03 * post.quality),
    replies: Math.floor(views * 0.006 * post.quality),
  };
}

/** Channel posts published in [from, to), and the view snapshots taken in it. */
export function channelPostFacts(world: World, from: number, to: number) {
  const facts: (FactOf<'post'> | FactOf<'post_snapshot'>)[] = [];
  const firstK = Math.max(
    0,
    Math.floor((from - 15 * DAY_MS - world.start) / DAY_MS) * POSTS_PER_DAY,
  );
  const lastK = Math.ceil((to - world.start) / DAY_MS + 1) * POSTS_PER_DAY;
  for (let k = firstK; k < lastK; k++) {
    const post = postAt(world, k);
    const base = { community: demoChannel.telegramId, messageId: post.messageId };
    if (post.at >= from && post.at < to)
      facts.push({
        kind: 'post',
        ...base,
        at: new Date(post.at),
        text: phraseFor(post.messageId),
        ...countersAt(post, 0),
        observedAt: new Date(post.at),
      });
    for (const age of SNAPSHOT_AGES) {
      const capturedAt = post.at + age;
      if (capturedAt < from || capturedAt >= to) continue;
      const counters = countersAt(post, age);
      facts.push({
        kind: 'post',
        ...base,
        at: new Date(post.at),
        ...counters,
        observedAt: new Date(capturedAt),
      });
      facts.push({ kind: 'post_snapshot', ...base, capturedAt: new Date(capturedAt), ...counters });
    }
  }
  return facts.sort((a, b) => time(a) - time(b));
}

const time = (f: FactOf<'post'> | FactOf<'post_snapshot'>) =>
  (f.kind === 'post' ? f.observedAt : f.capturedAt).getTime();
