import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { IngestRejectedError, ingestBatch, ingestBatches, type FactInput } from '.';

const community: FactInput = {
  kind: 'community',
  telegramId: -1009301,
  type: 'supergroup',
  title: 'Batches group',
};
const msg = (id: number, fan: number): FactInput => ({
  kind: 'event',
  sourceKey: `tg:msg:-1009301:${id}`,
  community: -1009301,
  fan,
  type: 'message',
  at: new Date(Date.UTC(2026, 2, 1, 0, id)),
});

async function storedKeys(db: Database): Promise<string[]> {
  const rows = await db.execute<{ source_key: string }>(
    sql`select source_key from events where source_key like 'tg:msg:-1009301:%' order by id`,
  );
  return rows.map((r) => r.source_key);
}

describe('ingestBatches', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    await ingestBatch(db, [community]);
  });

  it('writes every batch in turn and yields each result', async () => {
    const batches = [
      [msg(1, 301), msg(2, 302)],
      [msg(3, 301), msg(1, 301)], // 1 again: a duplicate
      [msg(4, 303)],
    ];
    const results = [];
    for await (const result of ingestBatches(db, batches)) results.push(result);
    expect(results.map((r) => [r.facts, r.events, r.duplicates, r.newFans])).toEqual([
      [2, 2, 0, 2],
      [2, 1, 1, 0],
      [1, 1, 0, 1],
    ]);
    expect(await storedKeys(db)).toEqual(['1', '2', '3', '4'].map((id) => `tg:msg:-1009301:${id}`));
  });

  it('takes batches from an async source', async () => {
    async function* source() {
      yield [msg(10, 304)];
      yield [msg(11, 304)];
    }
    let events = 0;
    for await (const result of ingestBatches(db, source())) events += result.events;
    expect(events).toBe(2);
  });

  it('commits the batches before a bad one and then throws its problems', async () => {
    const before = await storedKeys(db);
    const bad = { ...msg(22, 305), type: 'wave' };
    const seen: number[] = [];
    const error = await (async () => {
      for await (const result of ingestBatches(db, [[msg(20, 305)], [msg(21, 305)], [bad]]))
        seen.push(result.events);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestRejectedError);
    expect(seen).toEqual([1, 1]);
    expect(await storedKeys(db)).toEqual([...before, 'tg:msg:-1009301:20', 'tg:msg:-1009301:21']);
  });

  it('stops taking batches when the caller stops early', async () => {
    let taken = 0;
    function* source() {
      for (let id = 30; id < 40; id++) {
        taken += 1;
        yield [msg(id, 306)];
      }
    }
    for await (const result of ingestBatches(db, source())) {
      expect(result.events).toBe(1);
      break;
    }
    // The first batch, and the one prepared while it was written.
    expect(taken).toBe(2);
  });
});
