import type { Database } from '../../db/client';
import type { z } from 'zod';
import { IngestRejectedError, ingestBatches, type FactInput } from '../ingest';
import { fact } from '../ingest/facts';
import { communityFact, communityType, isCommunity } from './community-chat';
import { ExportFormatError } from './errors';
import { ExporterClock } from './exporter-clock';
import { exportedMessage, mapMessage, type ExportedMessage, type Tally } from './map-message';
import { readExport, type ChatInfo } from './read-export';

// Imports a Telegram Desktop export through the ingest path, in two streamed passes:
// the first checks every record and the facts it tells, and learns the exporter's clock
// (local-only times need the UTC offset of the nearest message that has both); the second
// writes, a batch per transaction. So a bad record changes nothing, and a crash mid-write
// is resumed by running the same file again: Telegram's ids are the keys, so what was
// written is not written twice. (One transaction for the whole file was ten times slower
// at a million messages: Postgres keeps every row version a file-long transaction makes.)

const BATCH_FACTS = 2000;

export interface CommunityReport extends Record<Tally, number> {
  telegramId: number;
  title: string;
  type: string;
  left: boolean;
}

/** A record stored cleaned, or set aside, for text Postgres cannot store (lib/ingest). */
export interface UnstorableReport {
  /** Where it came from: the message (`messages[3] (message 5)`) or the chat. */
  record: string;
  kind: string;
  fields: string[];
  outcome: 'cleaned' | 'set_aside';
  reason: string;
}

/** Unstorable records listed in a report; the rest are counted. */
const LISTED_UNSTORABLE = 100;

export interface ImportReport {
  /** The file as the person named it. */
  file: string;
  communities: CommunityReport[];
  /** Distinct fans the file mentions. */
  fans: number;
  /** What the database gained: a second import of the same file gains nothing. */
  added: { fans: number; events: number; memberships: number; alreadyStored: number };
  /** Chats that are not communities, and why. */
  skippedChats: { chat: string; name: string | null; type: string | null; reason: string }[];
  /** Records (or parts) that told nothing about fans, by reason. */
  skipped: Record<string, number>;
  /** Records with a NUL or a lone surrogate in their text: cleaned, or set aside. */
  unstorable: { cleaned: number; setAside: number; records: UnstorableReport[] };
}

export interface ImportOptions {
  /** The file's name in messages and the report (default: its path). */
  name?: string;
  onProgress?: (messages: number) => void;
}

type MessageItem = { chat: ChatInfo; path: string; value: unknown };

/** `messages[3] (message 5)`: where a message is in the file, and its id. */
function messagePlace(item: MessageItem): string {
  const id = (item.value as { id?: unknown } | null)?.id;
  return `${item.path}${typeof id === 'number' ? ` (message ${id})` : ''}`;
}

function formatError(name: string, place: string, error: z.ZodError): ExportFormatError {
  const issue = error.issues[0]!;
  const field = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return new ExportFormatError(`${name}: ${place}: ${field}${issue.message}`);
}

function checked(name: string, item: MessageItem): ExportedMessage {
  const parsed = exportedMessage.safeParse(item.value);
  if (parsed.success) return parsed.data;
  throw formatError(name, messagePlace(item), parsed.error);
}

/**
 * Every record checked, and the facts it tells as ingest will, and the exporter's clock
 * learnt, before anything is written: once writing has begun nothing can refuse a batch.
 * (The clock is partial here, which moves a local time but cannot make it invalid.)
 */
async function firstPass(file: string, name: string): Promise<ExporterClock> {
  const clock = new ExporterClock();
  const communities = new Map<ChatInfo, { telegramId: number }>();
  for await (const item of readExport(file, name)) {
    if (!isCommunity(item.chat)) continue;
    // A community is written even without messages: its own fact is checked first.
    let community = communities.get(item.chat);
    if (!community) {
      const told = communityFact(item.chat, name);
      const parsed = fact.safeParse(told);
      if (!parsed.success) throw formatError(name, item.chat.path, parsed.error);
      community = { telegramId: told.telegramId };
      communities.set(item.chat, community);
    }
    if (item.kind !== 'message') continue;
    const m = checked(name, item);
    if (m.date && m.date_unixtime) clock.observe(m.date, m.date_unixtime);
    for (const told of mapMessage(community, m, clock).facts) {
      const parsed = fact.safeParse(told);
      if (!parsed.success) throw formatError(name, messagePlace(item), parsed.error);
    }
  }
  return clock;
}

export async function importExport(
  db: Database,
  file: string,
  { name = file, onProgress }: ImportOptions = {},
): Promise<ImportReport> {
  const clock = await firstPass(file, name);
  const report: ImportReport = {
    file: name,
    communities: [],
    fans: 0,
    added: { fans: 0, events: 0, memberships: 0, alreadyStored: 0 },
    skippedChats: [],
    skipped: {},
    unstorable: { cleaned: 0, setAside: 0, records: [] },
  };
  const fans = new Set<number>();
  let facts: FactInput[] = [];
  // Where each fact of the batch being built came from, and of each batch handed to ingest
  // and not yet written, so its result can name the messages it cleaned or set aside.
  let origins: string[] = [];
  const pending: string[][] = [];

  // The file's facts in batches, read while the batch before is written (ingestBatches).
  async function* batches(): AsyncGenerator<FactInput[]> {
    let current = null as { chat: ChatInfo; report: CommunityReport } | null;
    let messages = 0;
    const open = (chat: ChatInfo) => {
      const community = communityFact(chat, name);
      const entry: CommunityReport = {
        telegramId: community.telegramId,
        title: chat.name || community.title,
        type: communityType(chat),
        left: chat.left,
        messages: 0,
        reactions: 0,
        joins: 0,
        leaves: 0,
        invites: 0,
        channel_posts: 0,
      };
      report.communities.push(entry);
      facts.push(community);
      origins.push(chat.path);
      current = { chat, report: entry };
      return current;
    };
    for await (const item of readExport(file, name)) {
      if (item.kind === 'chat_end') {
        if (!isCommunity(item.chat))
          report.skippedChats.push({
            chat: item.chat.path,
            name: item.chat.name,
            type: item.chat.type,
            reason: `${item.chat.type ?? 'untyped'} chat: not a community (${item.messages} messages not imported)`,
          });
        else if (current?.chat !== item.chat && item.messages === 0) open(item.chat);
        continue;
      }
      if (!isCommunity(item.chat)) continue;
      const target = current?.chat === item.chat ? current : open(item.chat);
      const mapped = mapMessage(target.report, checked(name, item), clock);
      const place = messagePlace(item);
      for (const fact of mapped.facts) {
        // A fan's name is told once per file; ingest creates fans from their facts anyway.
        if (fact.kind === 'fan') {
          if (fans.has(fact.telegramUserId)) continue;
          fans.add(fact.telegramUserId);
        }
        facts.push(fact);
        origins.push(place);
      }
      for (const [tally, n] of Object.entries(mapped.tally)) target.report[tally as Tally] += n;
      for (const [reason, n] of Object.entries(mapped.skipped))
        report.skipped[reason] = (report.skipped[reason] ?? 0) + n;
      if (facts.length >= BATCH_FACTS) yield* flush();
      if (++messages % 10_000 === 0) onProgress?.(messages);
    }
    if (facts.length > 0) yield* flush();
  }
  function* flush() {
    pending.push(origins);
    yield facts;
    facts = [];
    origins = [];
  }

  try {
    for await (const result of ingestBatches(db, batches())) {
      report.added.fans += result.newFans;
      report.added.events += result.events;
      report.added.memberships += result.memberships;
      report.added.alreadyStored += result.duplicates;
      const from = pending.shift()!;
      report.unstorable.cleaned += result.cleaned;
      report.unstorable.setAside += result.setAside;
      for (const r of result.unstorable.slice(
        0,
        LISTED_UNSTORABLE - report.unstorable.records.length,
      ))
        report.unstorable.records.push({
          record: from[r.index] ?? `record ${r.index}`,
          kind: r.kind,
          fields: r.fields,
          outcome: r.outcome,
          reason: r.reason,
        });
    }
  } catch (error) {
    // The first pass checks every fact as ingest will, so this is a check the two disagree
    // on: the batches before this one are written, and importing the file again resumes.
    if (error instanceof IngestRejectedError)
      throw new ExportFormatError(`${name}: refused while writing: ${error.message}`);
    throw error;
  }
  report.fans = fans.size;
  return report;
}
