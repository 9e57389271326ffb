import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { getSyncStatus } from './queries';
import { compareStreams, describeStream, durationInUnit } from './sync-status';
import { minutesAgo, now, seedSettings } from './testing/fixture';
import type { SyncStream } from './types';

describe('settings sync status', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    await seedSettings(db);
  });

  it('reads sync status per community, the worker streams first, as JSON-ready values', async () => {
    const status = await getSyncStatus(db, now);
    expect(status.now).toBe(now.toISOString());
    expect(status.communities.map((c) => [c.title, c.streams.map((s) => s.stream)])).toEqual([
      ['Brand', ['participants']],
      ['Brand chat', ['history', 'admin_log', 'views', 'demo']],
      ['Lonely', []],
    ]);
    const history = status.communities[1]!.streams[0]!;
    expect(history).toEqual({
      stream: 'history',
      progressDone: 2500,
      progressTotal: 10000,
      lastRunAt: minutesAgo(1),
      lastSuccessAt: minutesAgo(6),
      lastError: null,
      floodWaitUntil: null,
    });
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
  });

  it('describes a stream: percent, lag, flood wait and state', async () => {
    const streams = Object.fromEntries(
      (await getSyncStatus(db, now)).communities.flatMap((c) =>
        c.streams.map((s) => [`${c.title}/${s.stream}`, describeStream(s, now)]),
      ),
    );
    expect(streams['Brand chat/history']).toEqual({
      percent: 25,
      lagSeconds: 360,
      waitingUntil: null,
      state: 'ok',
    });
    expect(streams['Brand chat/admin_log']).toEqual({
      percent: null,
      lagSeconds: null,
      waitingUntil: null,
      state: 'error',
    });
    expect(streams['Brand chat/views']).toMatchObject({
      percent: 100,
      waitingUntil: new Date(minutesAgo(-30)),
      state: 'waiting',
    });
    // A flood wait that is over no longer shows.
    expect(streams['Brand/participants']).toMatchObject({ waitingUntil: null, state: 'ok' });

    const blank: SyncStream = {
      stream: 'history',
      progressDone: 12,
      progressTotal: 10,
      lastRunAt: null,
      lastSuccessAt: null,
      lastError: null,
      floodWaitUntil: null,
    };
    expect(describeStream(blank, now)).toMatchObject({ percent: 100, state: 'never' });
    expect(describeStream({ ...blank, progressTotal: 0, progressDone: 0 }, now).percent).toBe(100);
    expect(describeStream({ ...blank, progressTotal: 3, progressDone: 2 }, now).percent).toBe(66);
    expect(describeStream({ ...blank, lastSuccessAt: minutesAgo(-1) }, now).lagSeconds).toBe(0);
    expect(['views', 'demo', 'history', 'zzz', 'admin_log'].sort(compareStreams)).toEqual([
      'history',
      'admin_log',
      'views',
      'demo',
      'zzz',
    ]);
    expect([45, 600, 5 * 3600, 3 * 86_400].map(durationInUnit)).toEqual([
      { value: 45, unit: 'second' },
      { value: 10, unit: 'minute' },
      { value: 5, unit: 'hour' },
      { value: 3, unit: 'day' },
    ]);
  });
});
