import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { getFanProfile } from './profile';
import { seedFans, type FanIds } from './testing/fixture';
import { getStageWhy } from './why';

describe('profile and stage', () => {
  let db: Database, id: FanIds;

  beforeAll(async () => {
    db = (await useTestDb()).db;
    ({ id } = await seedFans(db));
  });

  it('shows the profile, external ids, memberships per community and tags', async () => {
    const profile = await getFanProfile(db, id[11]!);
    expect(profile).toMatchObject({
      id: id[11],
      telegramUserId: 11,
      username: 'Anna_Lee',
      languageCode: 'en',
      isBot: false,
      erased: false,
      externalIds: [
        { system: 'shop', externalId: '987654' },
        { system: 'shop', externalId: 'C-1042' },
        // The customer its own purchases made (they named no shop customer).
        { system: 'shop', externalId: 'tg:11' },
      ],
      stage: { stage: 'high_value', rule: 'spend' },
    });
    expect(
      profile.memberships.map((m) => [m.title, m.current, m.records.map((r) => r.action)]),
    ).toEqual([
      ['Fan channel', 'leave', ['leave', 'join']],
      ['Fan group', 'join', ['join']],
    ]);
    expect(profile.memberships[1]!.records[0]!.inviteLink).toBe('https://t.me/+just-for-anna');
    const annabel = await getFanProfile(db, id[12]!);
    expect(annabel.memberships[0]!.records[0]!.invitedBy).toEqual({
      id: id[11],
      username: 'Anna_Lee',
      firstName: 'Anna',
      lastName: 'Lee',
      erased: false,
    });
    await expect(getFanProfile(db, 999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('explains the stage by the engine’s conditions', async () => {
    const why = await getStageWhy(db, id[12]!, { asOf: new Date('2026-09-20T11:00:00Z') });
    // Annabel joined 2 Sept, one engagement, then silence: 18 days ≥ 15.
    expect(why).toEqual({
      stage: 'at_risk',
      rule: 'at_risk_silence',
      ruleSetVersion: 1,
      asOf: '2026-09-20T11:00:00.000Z',
      conditions: [
        {
          feature: 'silence_days',
          value: 18,
          comparison: 'atLeast',
          threshold: 15,
          params: ['at_risk_silence_days'],
        },
      ],
    });
  });
});
