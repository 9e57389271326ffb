import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeExport } from '../../lib/demo/export-writer';
import { generateHistory } from '../../lib/demo/generate-history';
import type { Report } from './report';

// The demo group writes about 31 messages per fan into its export.
const MESSAGES_PER_FAN = 31;

/**
 * `npm run import` of a generated Telegram Desktop export of about `messages` messages
 * into an empty database, as its own process so its peak memory is its own.
 */
export async function benchImport(
  url: string,
  { messages, seed }: { messages: number; seed: number },
  report: Report,
): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-import-'));
  const file = path.join(dir, 'result.json');
  try {
    const fans = Math.ceil(messages / MESSAGES_PER_FAN);
    const history = generateHistory({ fans, seed, end: new Date('2026-06-01T00:00:00Z') });
    const written = await writeExport(history, file);
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const done = /imported in ([\d.]+) s, peak memory (\d+) MB/.exec(stderr);
    if (code !== 0 || !done) throw new Error(`import failed (exit ${code}):\n${stderr}`);
    const imported = JSON.parse(stdout) as { added: { events: number } };
    const seconds = Number(done[1]);
    report('import_export', {
      messages: written.messages + written.serviceMessages,
      reactions: written.reactions,
      events: imported.added.events,
      seconds,
      messages_per_s: Math.round((written.messages + written.serviceMessages) / seconds),
      peak_rss_mb: Number(done[2]),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
