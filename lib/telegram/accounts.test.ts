import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { listAudit } from '../audit/queries';
import { saveAccount, stopAccount, trackCommunity } from './accounts';

const secret = 'an-app-secret-of-at-least-32-characters!';
let db: Database;

beforeAll(async () => {
  db = (await useTestDb()).db;
});

describe('Telegram accounts', () => {
  it('adding an account, tracking a community and stopping the account are audited', async () => {
    const id = await saveAccount(db, { label: 'Brand', phone: '+100', session: 'S' }, secret);
    await trackCommunity(db, id, {
      kind: 'community',
      telegramId: -1001234,
      type: 'channel',
      title: 'Brand news',
    });
    await stopAccount(db, id, 'AUTH_KEY_UNREGISTERED');
    const { entries } = await listAudit(db, {});
    expect(entries.map((e) => e.action)).toEqual([
      'telegram_account.stop',
      'community.track',
      'telegram_account.add',
    ]);
    expect(entries[2]!.after).toEqual({ label: 'Brand' });
    // The session and the phone never reach the audit log.
    expect(JSON.stringify(entries)).not.toMatch(/\+100|"S"/);
  });
});
