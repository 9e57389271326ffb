import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { listCommunitySettings, listTelegramAccounts } from './queries';
import { seedSettings, type SettingsIds } from './testing/fixture';

describe('settings queries: communities and Telegram accounts', () => {
  let db: Database;
  let ids: SettingsIds;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    ids = await seedSettings(db);
  });

  it('lists communities with their linked chat both ways and the account that syncs them', async () => {
    const { channelId, groupId, lonelyId, accountId } = ids;
    const brand = { id: channelId, title: 'Brand', kind: 'channel' };
    const chat = { id: groupId, title: 'Brand chat', kind: 'supergroup' };
    const syncedBy = { id: accountId, label: 'brand-admin', status: 'error' };
    expect(await listCommunitySettings(db)).toEqual([
      { ...brand, username: 'brand', timeZone: 'Asia/Shanghai', linked: chat, syncedBy },
      { ...chat, username: null, timeZone: 'UTC', linked: brand, syncedBy },
      {
        id: lonelyId,
        title: 'Lonely',
        kind: 'group',
        username: null,
        timeZone: 'UTC',
        linked: null,
        syncedBy: null,
      },
    ]);
  });

  it('lists Telegram accounts with status and last error, never the session or phone', async () => {
    const accounts = await listTelegramAccounts(db);
    expect(accounts).toEqual([
      {
        id: ids.accountId,
        label: 'brand-admin',
        kind: 'user',
        status: 'error',
        lastError: 'AUTH_KEY_UNREGISTERED',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        communities: 2,
      },
      expect.objectContaining({
        label: 'spare',
        status: 'active',
        lastError: null,
        communities: 0,
      }),
    ]);
    const json = JSON.stringify(accounts);
    expect(json).not.toMatch(/session|deadbeef|8613800000000/i);
  });
});
