import type { EventType } from '../../db/schema';
import type { Fact, FactOf } from '../ingest/facts';
import { channelPostFacts } from './channel-posts';
import { demoChannel, demoCommunities, demoGroup } from './communities';
import { drawName } from './names';
import { shopFacts } from './shop';
import { hash01, Random } from './random';
import { DAY_MS, fanTraits, telegramUserIdOf, type FanTraits, type World } from './world';

/** What carries over from one interval to the next (persisted by the live demo source). */
export interface SimState {
  nextMessageId: number;
  /** Recent group messages that reactions and replies can point at. */
  recent: { id: number; at: number; fan: number }[];
  /** Join times of fans who joined after the history, in order. */
  liveJoins: number[];
}

export const initialState = (): SimState => ({ nextMessageId: 1, recent: [], liveJoins: [] });

interface Engagement {
  at: number;
  fan: number;
  type: EventType;
}

const GROUP = demoGroup.telegramId;
const CHANNEL = demoChannel.telegramId;
const sec = (ms: number) => Math.floor(ms / 1000);

/**
 * Everything that happens in [from, to): joins, leaves, engagements, posts and purchases,
 * as ingest facts. The same world, state and interval always give the same facts.
 */
export function simulateInterval(world: World, state: SimState, from: number, to: number): Fact[] {
  const rng = new Random(world.seed, 2, from, to);
  const facts: Fact[] = [...demoCommunities];
  const memberships: Fact[] = [];
  const engagements: Engagement[] = [];
  const dayIndex = Math.floor((from - world.start) / DAY_MS);

  addLiveJoins(world, state, rng, from, to);
  const visit = (i: number, t: FanTraits | null) => {
    const joinAt = t ? t.joinAt : world.joinAt[i]!;
    const leaveAt = t ? t.leaveAt : world.leaveAt[i]!;
    const inGroup = t ? t.inGroup : world.inGroup[i] === 1;
    if (joinAt >= from && joinAt < to) {
      const traits = t ?? fanTraits(world, i);
      facts.push(profileFact(world, traits));
      memberships.push(...joinFacts(traits, rng, to));
      if (traits.inGroup && traits.invitedBy !== null)
        engagements.push({ at: joinAt, fan: traits.invitedBy, type: 'invite' });
    }
    if (leaveAt >= from && leaveAt < to) memberships.push(...leaveFacts(i, leaveAt, inGroup));
    const rate = t ? t.rate : world.rate[i]!;
    if (rate === 0) return;
    const start = Math.max(from, joinAt);
    const end = Math.min(to, t ? t.activeUntil : world.activeUntil[i]!, leaveAt);
    if (end <= start) return;
    const presence = t ? t.presence : world.presence[i]!;
    if (hash01(world.seed, 4, i, dayIndex) >= presence) return; // not around today
    const burst = start - joinAt < 7 * DAY_MS ? 2.5 : 1;
    const n = rng.poisson((rate * burst * (end - start)) / DAY_MS / presence);
    for (let k = 0; k < n; k++)
      engagements.push({
        at: Math.floor(start + rng.next() * (end - start)),
        fan: i,
        type: engagementType(rng, inGroup),
      });
  };
  for (let i = 0; i < world.fanCount && world.joinAt[i]! < to; i++) visit(i, null);
  state.liveJoins.forEach((joinAt, k) => {
    if (joinAt < to) visit(world.fanCount + k, fanTraits(world, world.fanCount + k, joinAt));
  });

  facts.push(...memberships.sort((a, b) => factTime(a) - factTime(b)));
  facts.push(...channelPostFacts(world, from, to));
  engagements.sort((a, b) => a.at - b.at);
  for (const e of engagements) facts.push(engagementFact(state, rng, e));
  facts.push(...shopFacts(world, from, to));
  return facts;
}

function addLiveJoins(world: World, state: SimState, rng: Random, from: number, to: number) {
  if (to <= world.end) return;
  const start = Math.max(from, world.end);
  const perDay = (world.fanCount / ((world.end - world.start) / DAY_MS)) * 1.2;
  const n = rng.poisson((perDay * (to - start)) / DAY_MS);
  const joins = Array.from(
    { length: n },
    () => Math.floor((start + rng.next() * (to - start)) / 1000) * 1000,
  );
  state.liveJoins.push(...joins.sort((a, b) => a - b));
}

function engagementType(rng: Random, inGroup: boolean): EventType {
  const r = rng.next();
  if (!inGroup) return r < 0.7 ? 'link_click' : 'bot_interaction';
  if (r < 0.42) return 'message';
  if (r < 0.62) return 'reply';
  if (r < 0.93) return 'reaction';
  if (r < 0.96) return 'poll_vote';
  if (r < 0.985) return 'link_click';
  return 'bot_interaction';
}

function profileFact(world: World, t: FanTraits): FactOf<'fan'> {
  const name = drawName(world.names, new Random(world.seed, 5, t.index), t.telegramUserId);
  return { kind: 'fan', telegramUserId: t.telegramUserId, isBot: false, ...name };
}

function joinFacts(t: FanTraits, rng: Random, to: number): FactOf<'membership'>[] {
  const fan = t.telegramUserId;
  const channelJoin: FactOf<'membership'> = {
    kind: 'membership',
    sourceKey: `demo:join:${CHANNEL}:${fan}:${sec(t.joinAt)}`,
    community: CHANNEL,
    fan,
    action: 'join',
    at: new Date(t.joinAt),
    source: 'demo',
  };
  if (!t.inGroup) return [channelJoin];
  const at = Math.floor(Math.min(t.joinAt + rng.exponential(3_600_000), to - 1) / 1000) * 1000;
  const inviter = t.invitedBy === null ? null : telegramUserIdOf(t.invitedBy);
  return [
    channelJoin,
    {
      kind: 'membership',
      sourceKey: `demo:join:${GROUP}:${fan}:${sec(at)}`,
      community: GROUP,
      fan,
      action: 'join',
      at: new Date(at),
      source: 'demo',
      invitedBy: inviter,
      inviteLink: inviter ? null : 'https://t.me/+aurora-chat',
    },
  ];
}

function leaveFacts(i: number, at: number, inGroup: boolean): FactOf<'membership'>[] {
  const fan = telegramUserIdOf(i);
  return (inGroup ? [CHANNEL, GROUP] : [CHANNEL]).map((community) => ({
    kind: 'membership',
    sourceKey: `demo:leave:${community}:${fan}:${sec(at)}`,
    community,
    fan,
    action: 'leave',
    at: new Date(at),
    source: 'demo',
  }));
}

const REACTIONS = ['👍', '❤️', '🔥', '☕', '😂'];

function engagementFact(state: SimState, rng: Random, e: Engagement): FactOf<'event'> {
  const fan = telegramUserIdOf(e.fan);
  const at = new Date(Math.floor(e.at / 1000) * 1000);
  const event = (
    type: EventType,
    community: number,
    sourceKey: string,
    payload?: Record<string, unknown>,
  ): FactOf<'event'> => ({ kind: 'event', type, community, sourceKey, fan, at, payload });
  switch (e.type) {
    case 'invite':
      return event('invite', GROUP, `demo:invite:${GROUP}:${fan}:${sec(e.at)}`);
    case 'poll_vote':
      return event('poll_vote', GROUP, `demo:poll:${GROUP}:${Math.floor(e.at / DAY_MS)}:${fan}`);
    case 'link_click':
      return event('link_click', CHANNEL, `demo:click:${fan}:${e.at}`);
    case 'bot_interaction':
      return event('bot_interaction', CHANNEL, `demo:bot:${fan}:${e.at}`);
  }
  const target = pickRecent(state, rng, e);
  if (e.type === 'reaction' && target)
    return event('reaction', GROUP, `demo:reaction:${GROUP}:${target.id}:${fan}`, {
      message_id: target.id,
      emoji: rng.pick(REACTIONS),
    });
  // A reaction with nothing to react to becomes a message.
  const id = state.nextMessageId++;
  state.recent.push({ id, at: e.at, fan: e.fan });
  if (state.recent.length > 600) state.recent.splice(0, state.recent.length - 300);
  const replyTo = e.type === 'reply' && target ? target.id : null;
  return replyTo
    ? event('reply', GROUP, `demo:msg:${GROUP}:${id}`, { message_id: id, reply_to: replyTo })
    : event('message', GROUP, `demo:msg:${GROUP}:${id}`, { message_id: id });
}

/** A message of someone else from the last day, the kind people react and reply to. */
function pickRecent(state: SimState, rng: Random, e: Engagement) {
  for (let attempt = 0; attempt < 3 && state.recent.length > 0; attempt++) {
    const m =
      state.recent[
        state.recent.length - 1 - Math.floor(rng.next() * Math.min(50, state.recent.length))
      ]!;
    if (m.fan !== e.fan && m.at <= e.at && e.at - m.at < DAY_MS) return m;
  }
  return null;
}

function factTime(f: Fact): number {
  return 'at' in f ? new Date(f.at).getTime() : 0;
}
