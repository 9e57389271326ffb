import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Fact, FactOf } from '../ingest/facts';
import { demoChannel, demoGroup } from './communities';
import type { History } from './generate-history';
import { phraseFor } from './phrases';
import { DAY_MS } from './world';

// Telegram Desktop writes ids of supergroups and channels without the -100 prefix.
const exportId = (botApiId: number) => Number(String(botApiId).replace(/^-100/, ''));
const GROUP_ID = exportId(demoGroup.telegramId);
const EXPORTER_UTC_OFFSET_MS = 8 * 3_600_000; // the exporting machine's clock: UTC+8

interface Reactions {
  [emoji: string]: { count: number; recent: { from: string; from_id: string; date: string }[] };
}
/** A message waiting to be written; ids are given at write time, in time order. */
interface Pending {
  at: number;
  seq: number;
  fields: Record<string, unknown>;
  id?: number;
  replyTo?: Pending;
  reactions?: Reactions;
}

export interface ExportSummary {
  messages: number;
  serviceMessages: number;
  reactions: number;
  skipped: Record<string, number>;
}

/** Local wall-clock time as the exporter writes it: no zone, no milliseconds. */
function localDate(ms: number): string {
  return new Date(ms + EXPORTER_UTC_OFFSET_MS).toISOString().slice(0, 19);
}

/**
 * Writes the demo's discussion group as a Telegram Desktop single-chat export
 * (`result.json`), streaming: memory holds one day of messages (reactions arrive up to a
 * day after their message) and a name per fan.
 */
export async function writeExport(history: History, file: string): Promise<ExportSummary> {
  const out = createWriteStream(file);
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const names = new Map<number, string>();
  let pending: Pending[] = [];
  const byDemoId = new Map<number, Pending>();
  const summary: ExportSummary = { messages: 0, serviceMessages: 0, reactions: 0, skipped: {} };
  let nextId = 1;
  let seq = 0;
  let first = true;

  // Sources hand facts over roughly in time order; holding two days back makes the written
  // order exact and leaves time for reactions, which come within a day of their message.
  const flushBefore = async (limit: number) => {
    pending.sort((x, y) => x.at - y.at || x.seq - y.seq);
    const due = pending.filter((p) => p.at < limit);
    pending = pending.filter((p) => p.at >= limit);
    for (const p of due) {
      p.id = nextId++;
      const message: Record<string, unknown> = {
        id: p.id,
        type: 'message',
        date: localDate(p.at),
        date_unixtime: String(p.at / 1000),
        ...p.fields,
      };
      if (p.replyTo?.id) message.reply_to_message_id = p.replyTo.id;
      if (p.reactions)
        message.reactions = Object.entries(p.reactions).map(([emoji, v]) => ({
          type: 'emoji',
          emoji,
          ...v,
        }));
      await write(`${first ? '' : ',\n'}  ${JSON.stringify(message)}`);
      first = false;
    }
    for (const [demoId, m] of byDemoId) if (m.at < limit - DAY_MS) byDemoId.delete(demoId);
  };
  const push = (at: number, fields: Record<string, unknown>, replyTo?: Pending) => {
    const p: Pending = { at, seq: seq++, fields, replyTo };
    pending.push(p);
    return p;
  };
  const user = (telegramUserId: number) => ({
    name: names.get(telegramUserId) ?? 'Deleted Account',
    id: `user${telegramUserId}`,
  });
  const skip = (what: string) => (summary.skipped[what] = (summary.skipped[what] ?? 0) + 1);

  const handlers: { [K in Fact['kind']]?: (fact: FactOf<K>) => void } = {
    fan: (f) =>
      void names.set(f.telegramUserId, [f.firstName, f.lastName].filter(Boolean).join(' ')),
    post: (f) => {
      if (f.observedAt.getTime() !== f.at.getTime()) return;
      push(f.at.getTime(), {
        type: 'message',
        from: demoChannel.title,
        from_id: `channel${exportId(demoChannel.telegramId)}`,
        text: f.text ?? '',
        text_entities: [{ type: 'plain', text: f.text ?? '' }],
      });
      summary.messages++;
    },
    membership: (f) => {
      if (f.community !== demoGroup.telegramId) return;
      const fan = user(f.fan);
      const at = f.at.getTime();
      if (f.action === 'leave')
        push(at, {
          type: 'service',
          actor: fan.name,
          actor_id: fan.id,
          action: 'remove_members',
          members: [fan.name],
        });
      else if (f.invitedBy) {
        const inviter = user(f.invitedBy);
        push(at, {
          type: 'service',
          actor: inviter.name,
          actor_id: inviter.id,
          action: 'invite_members',
          members: [fan.name],
        });
      } else
        push(at, {
          type: 'service',
          actor: fan.name,
          actor_id: fan.id,
          action: 'join_group_by_link',
          inviter: demoGroup.title,
        });
      summary.serviceMessages++;
    },
    event: (f) => {
      const at = f.at.getTime();
      const fan = user(f.fan);
      const demoId = Number(f.payload?.message_id);
      if (f.type === 'message' || f.type === 'reply') {
        const text = phraseFor(demoId);
        const replyTo = f.type === 'reply' ? byDemoId.get(Number(f.payload?.reply_to)) : undefined;
        const m = push(
          at,
          { from: fan.name, from_id: fan.id, text, text_entities: [{ type: 'plain', text }] },
          replyTo,
        );
        byDemoId.set(demoId, m);
        summary.messages++;
      } else if (f.type === 'reaction') {
        const target = byDemoId.get(demoId);
        if (!target) return skip('reaction to a message outside the window');
        const byEmoji = (target.reactions ??= {});
        const emoji = String(f.payload?.emoji);
        const entry = (byEmoji[emoji] ??= { count: 0, recent: [] });
        entry.count++;
        // Telegram lists only the latest few reactors per emoji; the count stays exact.
        entry.recent = [
          { from: fan.name, from_id: fan.id, date: localDate(at) },
          ...entry.recent,
        ].slice(0, 3);
        summary.reactions++;
      } else skip(f.type === 'invite' ? 'invite (written as invite_members)' : f.type);
    },
  };

  await write(
    `{\n "name": ${JSON.stringify(demoGroup.title)},\n "type": "public_supergroup",\n "id": ${GROUP_ID},\n "messages": [\n`,
  );
  for (const batch of history.batches) {
    for (const fact of batch) (handlers[fact.kind] as ((f: Fact) => void) | undefined)?.(fact);
    const latest = batch.reduce((max, f) => Math.max(max, 'at' in f ? f.at.getTime() : 0), 0);
    if (latest > 0) await flushBefore(latest - 2 * DAY_MS);
  }
  await flushBefore(Infinity);
  await write('\n ]\n}\n');
  out.end();
  await once(out, 'finish');
  return summary;
}
