import { Api } from 'telegram';
import type { Database } from '../../db/client';
import { ingestBatch, type FactInput } from '../../lib/ingest';
import { factsFromMessages, reactionFacts } from './map/facts-from-messages';
import { fanFact } from './map/peers';
import { RECENT_MS } from './recent';
import type { TelegramSource } from './source';
import { readCursor, recordState, runStream, type StreamRun, type SyncHooks } from './sync-state';
import { callTelegram } from './telegram-calls';
import type { TrackedCommunity } from './tracked-community';

// Reactions keep coming after a group message is first read. The recent history is read
// again, newest first: each message brings its current counts and its few recent reactors,
// and where Telegram lists every reactor (canSeeList) and there are more than it showed,
// the full list is read. Reactions are keyed by message, reactor and reaction, so reading
// them again adds only the new ones. Channels' reactions are anonymous: not read here.

export const REACTIONS_STREAM = 'reactions';
/** At most this many history pages per re-read: a very busy group's week is cut here. */
const MAX_PAGES = 20;
const REACTORS_PER_CALL = 100;

interface ReactionsCursor {
  /** Per recent message, the reaction count its full list was last read at. */
  listed?: Record<string, number>;
}

function reactionCount(m: Api.Message): number {
  return (m.reactions?.results ?? []).reduce((sum, r) => sum + r.count, 0);
}

/** Whether the message has reactors Telegram would list but did not show with it. */
function hasUnlistedReactors(m: Api.Message): boolean {
  return (
    m.reactions?.canSeeList === true &&
    reactionCount(m) > (m.reactions.recentReactions?.length ?? 0)
  );
}

/** Every listed reactor of a message, as facts. */
async function allReactors(
  source: TelegramSource,
  community: TrackedCommunity,
  messageId: number,
  { calls, now }: StreamRun,
): Promise<FactInput[]> {
  const facts: FactInput[] = [];
  let offset = '';
  do {
    const page = await callTelegram(
      () => source.reactors(community, messageId, { offset, limit: REACTORS_PER_CALL }),
      calls,
    );
    facts.push(...page.users.flatMap((u) => (u instanceof Api.User ? [fanFact(u)] : [])));
    facts.push(...reactionFacts(community, messageId, page.reactions, now()));
    offset = page.nextOffset ?? '';
  } while (offset);
  return facts;
}

/**
 * Re-reads the reactions of a group's recent messages; returns how many new reactions
 * were stored.
 */
export async function rereadRecentReactions(
  db: Database,
  source: TelegramSource,
  community: TrackedCommunity,
  hooks: SyncHooks,
): Promise<number> {
  if (community.kind === 'channel') return 0;
  const limit = hooks.pageSize ?? 100;
  return runStream(db, community, REACTIONS_STREAM, hooks, async (run) => {
    const { id, calls, now } = run;
    const since = (now().getTime() - RECENT_MS) / 1000;
    const { listed = {} } = await readCursor<ReactionsCursor>(db, id, REACTIONS_STREAM);
    const nowListed: Record<string, number> = {};
    let offsetId = 0;
    let added = 0;
    let read = 0;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await callTelegram(
        () => source.history(community, { offsetId, minId: 0, limit }),
        calls,
      );
      const recent = page.messages.filter(
        (m) => (m instanceof Api.Message || m instanceof Api.MessageService) && m.date >= since,
      );
      const facts = factsFromMessages(community, recent, page.users, now());
      for (const m of recent) {
        if (!(m instanceof Api.Message) || !hasUnlistedReactors(m)) continue;
        const count = reactionCount(m);
        nowListed[m.id] = count;
        if (listed[m.id] !== count)
          facts.push(...(await allReactors(source, community, m.id, run)));
      }
      added += (await ingestBatch(db, facts)).events;
      read += recent.length;
      if (recent.length < limit || recent.length < page.messages.length) break;
      offsetId = Math.min(...recent.map((m) => m.id));
    }
    await recordState(db, id, REACTIONS_STREAM, {
      cursor: { listed: nowListed } satisfies ReactionsCursor,
      done: read,
      restart: true,
      error: null,
      floodWaitUntil: null,
      success: true,
    });
    return added;
  });
}
