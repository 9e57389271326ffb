import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { users } from '../../db/schema';
import { useTestDb } from '../../db/testing/test-db';
import { defaultRuleParams } from '../lifecycle/rule-params';
import {
  discardDraft,
  publishDraft,
  rollbackTo,
  startDraft,
  updateDraft,
} from '../lifecycle/rule-set-writes';
import { changedParams, inputValue, ruleFieldByName, ruleFields } from './fields';
import { getRulesState } from './queries';

describe('rules page state', () => {
  let db: Database;
  let ops: number;
  beforeAll(async () => {
    db = (await useTestDb()).db;
    const [row] = await db
      .insert(users)
      .values({ email: 'ops@x.test', name: 'Olga Ops', passwordHash: 'x', role: 'operator' })
      .returning({ id: users.id });
    ops = row!.id;
  });

  it('starts with v1, the defaults, published by the system with nothing to compare', async () => {
    const state = await getRulesState(db);
    expect(state.draft).toBeNull();
    expect(state.versions).toHaveLength(1);
    expect(state.published).toMatchObject({
      version: 1,
      state: 'published',
      params: defaultRuleParams,
      note: 'Default rules',
      basedOnVersion: null,
      publishedBy: null,
      publishedAs: null,
      changes: [],
      sameAsVersion: null,
    });
    expect(typeof state.published.publishedAt).toBe('string');
  });

  it('shows the open draft with its changes against the published version and who made it', async () => {
    const draft = await startDraft(db, { actorUserId: ops });
    await updateDraft(db, draft.version, {
      ...defaultRuleParams,
      at_risk_silence_days: 10,
      core_messages_over: 60,
    });
    const state = await getRulesState(db);
    expect(state.draft).toMatchObject({
      version: 2,
      state: 'draft',
      basedOnVersion: 1,
      createdBy: { id: ops, name: 'Olga Ops' },
      publishedAt: null,
      changes: [
        { param: 'core_messages_over', from: 50, to: 60 },
        { param: 'at_risk_silence_days', from: 15, to: 10 },
      ],
    });
    expect(state.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
  });

  it('shows a discarded draft as never published; a new draft is the next version', async () => {
    await discardDraft(db, { version: 2, actorUserId: ops });
    const state = await getRulesState(db);
    expect(state.draft).toBeNull();
    expect(state.published.version).toBe(1);
    expect(state.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'discarded'],
      [1, 'published'],
    ]);
    const next = await startDraft(db, { actorUserId: ops });
    expect([next.version, next.params]).toEqual([3, defaultRuleParams]);
  });

  it('tells publishes from rollbacks, and which earlier version a rollback equals', async () => {
    await updateDraft(db, 3, { ...defaultRuleParams, at_risk_silence_days: 10 });
    await publishDraft(db, { version: 3, note: 'Faster win-back', actorUserId: ops });
    await rollbackTo(db, { version: 1, note: 'Too many at risk', actorUserId: ops });
    const state = await getRulesState(db);
    const [v4, v3, v2, v1] = state.versions;
    expect(state.published).toEqual(v4);
    expect(v4).toMatchObject({
      version: 4,
      state: 'published',
      note: 'Too many at risk',
      publishedBy: { id: ops, name: 'Olga Ops' },
      publishedAs: 'rollback',
      basedOnVersion: 3,
      changes: [{ param: 'at_risk_silence_days', from: 10, to: 15 }],
      sameAsVersion: 1,
      params: defaultRuleParams,
    });
    expect(v3).toMatchObject({
      state: 'previous',
      publishedAs: 'publish',
      note: 'Faster win-back',
      changes: [{ param: 'at_risk_silence_days', from: 15, to: 10 }],
      sameAsVersion: null,
    });
    // The discarded draft has the same rules as v1 but was never published: not a match.
    expect([v2!.state, v1!.state, v1!.sameAsVersion]).toEqual(['discarded', 'previous', null]);
  });
});

describe('rule fields', () => {
  it('lists every parameter with the engine schema’s range', () => {
    expect(ruleFields.map((f) => f.name)).toEqual(Object.keys(defaultRuleParams));
    expect(ruleFieldByName.at_risk_silence_days).toEqual({
      name: 'at_risk_silence_days',
      unit: 'days',
      min: 1,
      max: 365,
    });
    expect(ruleFieldByName.high_value_min_spend).toMatchObject({ unit: 'spend', min: 0 });
  });

  it('reads inputs as numbers or null, and diffs parameters in table order', () => {
    expect([inputValue(' 10 '), inputValue(''), inputValue('2.5'), inputValue('x')]).toEqual([
      10,
      null,
      2.5,
      null,
    ]);
    expect(
      changedParams(defaultRuleParams, {
        ...defaultRuleParams,
        high_value_min_spend: 100,
        new_window_days: 14,
      }),
    ).toEqual([
      { param: 'new_window_days', from: 7, to: 14 },
      { param: 'high_value_min_spend', from: 0, to: 100 },
    ]);
  });
});
