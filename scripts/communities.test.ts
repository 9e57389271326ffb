import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../db/client';
import { useTestDb } from '../db/testing/test-db';
import { ingestBatch } from '../lib/ingest';

const run = promisify(execFile);

describe('npm run communities -- list | time-zone', () => {
  let url: string;
  let sql: Sql;
  let groupId: number;
  beforeAll(async () => {
    const handle = await useTestDb();
    url = handle.url;
    sql = handle.sql;
    await ingestBatch(handle.db, [
      {
        kind: 'community',
        telegramId: -1007001,
        type: 'channel',
        title: 'News 新闻',
        username: 'news',
      },
      {
        kind: 'community',
        telegramId: -1007002,
        type: 'supergroup',
        title: 'Chat',
        username: 'Chat_Room',
      },
      {
        kind: 'event',
        sourceKey: 'tg:msg:-1007002:1',
        community: -1007002,
        fan: 9,
        type: 'message',
        at: '2026-03-01T23:30:00Z',
      },
    ]);
    groupId = (
      await sql<{ id: number }[]>`select id from communities where telegram_id = -1007002`
    )[0]!.id;
  });

  const communities = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/communities.ts', ...args], {
      env: { ...process.env, DATABASE_URL: url },
    });
  const failure = (args: string[]) =>
    communities(args).then(
      (out) => [0, out.stdout.trim()] as const,
      (error: { code: number; stderr: string }) => [error.code, error.stderr.trim()] as const,
    );
  const zones = async () =>
    (await sql<{ z: string }[]>`select time_zone as z from communities order by id`).map(
      (r) => r.z,
    );
  const days = async () =>
    (await sql<{ day: string }[]>`select day::text from fan_daily order by day`).map((r) => r.day);

  // Each run starts a Node with tsx: the independent ones run side by side.
  it('lists the communities, and refuses what it cannot do, changing nothing', async () => {
    const [list, zone, missing, nobody, usage, badRef, same] = await Promise.all([
      communities(['list']),
      failure(['time-zone', '@news', 'Mars/Olympus_Mons']),
      failure(['time-zone', '999', 'UTC']),
      failure(['time-zone', '@nobody', 'UTC']),
      failure(['time-zone', '@news']),
      failure(['time-zone', 'news', 'UTC']),
      failure(['time-zone', '@CHAT_room', 'utc']),
    ]);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+kind\s+time zone\s+username\s+title$/);
    expect(lines[1]).toMatch(/^\d+\s+channel\s+UTC\s+@news\s+News 新闻$/);
    expect(lines[2]).toMatch(new RegExp(`^${groupId}\\s+supergroup\\s+UTC\\s+@Chat_Room\\s+Chat$`));
    expect(zone[0]).toBe(2);
    expect(zone[1]).toMatch(/^Unknown time zone "Mars\/Olympus_Mons"/);
    expect(missing).toEqual([2, 'No community with id 999']);
    expect(nobody).toEqual([2, 'No community @nobody']);
    expect(usage[0]).toBe(2);
    expect(usage[1]).toMatch(/^usage: npm run communities -- list/);
    expect(badRef).toEqual([2, '<community>: must be a community id or @username']);
    expect(same).toEqual([0, `Chat (id ${groupId}) is already in UTC: nothing changed.`]);
    expect(await zones()).toEqual(['UTC', 'UTC']);
    expect(await days()).toEqual(['2026-03-01']);
  }, 120_000);

  it('sets a time zone and recounts the days in it', async () => {
    const { stdout } = await communities(['time-zone', `${groupId}`, 'Asia/Shanghai']);
    expect(stdout).toContain(`Chat (id ${groupId}): time zone UTC → Asia/Shanghai.`);
    expect(stdout).toContain('Recounted 1 fan-day; 1 fan queued for a history replay');
    expect(await zones()).toEqual(['UTC', 'Asia/Shanghai']);
    // 23:30 UTC on 1 March is 07:30 on 2 March in Shanghai.
    expect(await days()).toEqual(['2026-03-02']);
  }, 120_000);
});
