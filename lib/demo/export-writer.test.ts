import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExport } from './export-writer';
import { generateHistory } from './generate-history';

interface ExportMessage {
  id: number;
  type: string;
  date: string;
  date_unixtime: string;
  from_id?: string;
  action?: string;
  reply_to_message_id?: number;
  reactions?: { count: number; recent: { from_id: string }[] }[];
}

describe('writeExport', () => {
  it('writes the demo group as a Telegram Desktop single-chat export', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'export-')), 'result.json');
    const options = { fans: 400, seed: 5, end: new Date('2026-06-01T00:00:00Z') };
    const summary = await writeExport(generateHistory(options), file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      type: string;
      id: number;
      messages: ExportMessage[];
    };

    expect(exported.type).toBe('public_supergroup');
    expect(exported.id).toBe(1700000002);
    const { messages } = exported;
    expect(messages.map((m) => m.id)).toEqual(messages.map((_, i) => i + 1));
    const times = messages.map((m) => Number(m.date_unixtime));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // `date` is the exporter's local clock (UTC+8 here), as Telegram Desktop writes it.
    expect(messages[0]!.date).toBe(
      new Date((times[0]! + 8 * 3600) * 1000).toISOString().slice(0, 19),
    );

    const service = messages.filter((m) => m.type === 'service');
    expect(service.length).toBe(summary.serviceMessages);
    expect(new Set(service.map((m) => m.action))).toEqual(
      new Set(['join_group_by_link', 'invite_members', 'remove_members']),
    );
    expect(messages.length - service.length).toBe(summary.messages);
    expect(messages.some((m) => m.from_id?.startsWith('channel'))).toBe(true);
    expect(
      messages.filter((m) => m.reply_to_message_id).every((m) => m.reply_to_message_id! < m.id),
    ).toBe(true);
    const reactions = messages.flatMap((m) => m.reactions ?? []);
    expect(reactions.reduce((n, r) => n + r.count, 0)).toBe(summary.reactions);
    expect(reactions.every((r) => r.recent.length <= 3 && r.recent.length <= r.count)).toBe(true);
  });
});
