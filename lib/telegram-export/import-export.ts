import type { Database } from '../../db/client';
import type { z } from 'zod';
import { ingestBatches, type FactInput } from '../ingest';
import { fact } from '../ingest/facts';
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

const communityTypes: Record<string, 'group' | 'supergroup' | 'channel'> = {
  private_group: 'group',
  private_supergroup: 'supergroup',
  public_supergroup: 'supergroup',
  public_channel: 'channel',
  private_channel: 'channel',
};

/** Exports write bare ids; the rest of the product uses Bot API ids (-100… for channels). */
function communityTelegramId(chat: ChatInfo): number {
  return chat.type === 'private_group' ? -chat.id! : Number(`-100${chat.id}`);
}

const BATCH_FACTS = 2000;

export interface CommunityReport extends Record<Tally, number> {
  telegramId: number;
  title: string;
  type: string;
  left: boolean;
}

export interface ImportReport {
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
}

type MessageItem = { chat: ChatInfo; path: string; value: unknown };

function formatError(file: string, item: MessageItem, error: z.ZodError): ExportFormatError {
  const id = (item.value as { id?: unknown } | null)?.id;
  const issue = error.issues[0]!;
  const field = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return new ExportFormatError(
    `${file}: ${item.path}${typeof id === 'number' ? ` (message ${id})` : ''}: ${field}${issue.message}`,
  );
}

function checked(file: string, item: MessageItem): ExportedMessage {
  const parsed = exportedMessage.safeParse(item.value);
  if (parsed.success) return parsed.data;
  throw formatError(file, item, parsed.error);
}

const isCommunity = (chat: ChatInfo) => chat.type !== null && chat.type in communityTypes;

/**
 * Every record checked, and the facts it tells as ingest will, and the exporter's clock
 * learnt, before anything is written: once writing has begun nothing can refuse a batch.
 * (The clock is partial here, which moves a local time but cannot make it invalid.)
 */
async function firstPass(file: string): Promise<ExporterClock> {
  const clock = new ExporterClock();
  for await (const item of readExport(file)) {
    if (item.kind !== 'message' || !isCommunity(item.chat)) continue;
    const m = checked(file, item);
    if (m.date && m.date_unixtime) clock.observe(m.date, m.date_unixtime);
    const community = { telegramId: communityTelegramId(item.chat) };
    for (const told of mapMessage(community, m, clock).facts) {
      const parsed = fact.safeParse(told);
      if (!parsed.success) throw formatError(file, item, parsed.error);
    }
  }
  return clock;
}

export async function importExport(
  db: Database,
  file: string,
  { onProgress }: { onProgress?: (messages: number) => void } = {},
): Promise<ImportReport> {
  const clock = await firstPass(file);
  const report: ImportReport = {
    file,
    communities: [],
    fans: 0,
    added: { fans: 0, events: 0, memberships: 0, alreadyStored: 0 },
    skippedChats: [],
    skipped: {},
  };
  const fans = new Set<number>();
  let facts: FactInput[] = [];

  // The file's facts in batches, read while the batch before is written (ingestBatches).
  async function* batches(): AsyncGenerator<FactInput[]> {
    let current = null as { chat: ChatInfo; report: CommunityReport } | null;
    let messages = 0;
    const open = (chat: ChatInfo) => {
      const type = communityTypes[chat.type!]!;
      const entry: CommunityReport = {
        telegramId: communityTelegramId(chat),
        title: chat.name || `Telegram ${type} ${chat.id}`,
        type,
        left: chat.left,
        messages: 0,
        reactions: 0,
        joins: 0,
        leaves: 0,
        invites: 0,
        channel_posts: 0,
      };
      report.communities.push(entry);
      facts.push({
        kind: 'community',
        telegramId: entry.telegramId,
        type,
        title: entry.title.slice(0, 255),
      });
      current = { chat, report: entry };
      return current;
    };
    for await (const item of readExport(file)) {
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
      const mapped = mapMessage(target.report, checked(file, item), clock);
      for (const fact of mapped.facts) {
        // A fan's name is told once per file; ingest creates fans from their facts anyway.
        if (fact.kind === 'fan') {
          if (fans.has(fact.telegramUserId)) continue;
          fans.add(fact.telegramUserId);
        }
        facts.push(fact);
      }
      for (const [tally, n] of Object.entries(mapped.tally)) target.report[tally as Tally] += n;
      for (const [reason, n] of Object.entries(mapped.skipped))
        report.skipped[reason] = (report.skipped[reason] ?? 0) + n;
      if (facts.length >= BATCH_FACTS) {
        yield facts;
        facts = [];
      }
      if (++messages % 10_000 === 0) onProgress?.(messages);
    }
    if (facts.length > 0) yield facts;
  }

  for await (const result of ingestBatches(db, batches())) {
    report.added.fans += result.newFans;
    report.added.events += result.events;
    report.added.memberships += result.memberships;
    report.added.alreadyStored += result.duplicates;
  }
  report.fans = fans.size;
  return report;
}
