import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { users } from '../../db/schema';
import { useTestDb } from '../../db/testing/test-db';
import { RuleSetError } from '../lifecycle/errors';
import { refusalOf } from '../testing/refusal';
import { defaultRuleParams } from '../lifecycle/rule-params';
import {
  getPublishedRuleSet,
  publishDraft,
  rollbackTo,
  startDraft,
  updateDraft,
} from '../lifecycle/rule-sets';
import { engage, ingest, member } from '../lifecycle/testing/facts';
import { changedParams, fieldProblem, inputValue, ruleFieldByName, ruleFields } from './fields';
import { discardDraft, getPreview, getRulesState, parseVersion } from './queries';

const refusal = (promise: Promise<unknown>) => refusalOf(RuleSetError, promise);

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
      note: 'Default rules (DESIGN §5)',
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

  it('discards the draft: kept as never published, audited, and refused a second time', async () => {
    await discardDraft(db, { version: 2, actorUserId: ops });
    const state = await getRulesState(db);
    expect(state.draft).toBeNull();
    expect(state.published.version).toBe(1);
    expect(state.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'discarded'],
      [1, 'published'],
    ]);
    const [audit] = await db.execute<{ action: string; actor_user_id: number; before: unknown }>(
      sql`select action, actor_user_id, before from audit_log order by id desc limit 1`,
    );
    expect(audit).toMatchObject({
      action: 'rule_set.discard',
      actor_user_id: ops,
      before: { version: 2, basedOnVersion: 1 },
    });
    expect((await refusal(discardDraft(db, { version: 2, actorUserId: ops }))).code).toBe(
      'not_draft',
    );
    expect((await refusal(discardDraft(db, { version: 1, actorUserId: ops }))).code).toBe(
      'not_draft',
    );
    expect((await refusal(discardDraft(db, { version: 42, actorUserId: ops }))).code).toBe(
      'not_found',
    );
    // A new draft starts from the published rules again, as the next version.
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

  it('previews only drafts, as JSON', async () => {
    await ingest(db, [
      member(7, 'join', '2026-01-01T00:00:00Z'),
      ...[1, 2, 3].map((d) => engage(7, `2026-01-0${d}T12:00:00Z`)),
    ]);
    expect((await refusal(getPreview(db, 4))).code).toBe('not_draft');
    expect((await refusal(getPreview(db, 99))).code).toBe('not_found');
    const draft = await startDraft(db, { actorUserId: ops });
    const preview = await getPreview(db, draft.version);
    expect(preview).toMatchObject({
      draftVersion: draft.version,
      publishedVersion: (await getPublishedRuleSet(db)).version,
      moving: 0,
      total: 1,
    });
    expect(typeof preview.asOf).toBe('string');
    expect(preview.cells).toEqual([
      {
        from: 'churned',
        to: 'churned',
        fans: 1,
        samples: [expect.objectContaining({ telegramUserId: 7 })],
      },
    ]);
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

  it('says why the engine refused a field, for the page to word it', () => {
    const sent = { ...defaultRuleParams, core_window_days: 30 } as Record<string, unknown>;
    const problem = (name: string, value: unknown) =>
      fieldProblem(name, 'engine says no', { ...sent, [name]: value });
    expect(problem('at_risk_silence_days', null)).toEqual({ key: 'whole' });
    expect(problem('at_risk_silence_days', 2.5)).toEqual({ key: 'whole' });
    expect(problem('at_risk_silence_days', 0)).toEqual({ key: 'min', limit: 1 });
    expect(problem('at_risk_silence_days', 400)).toEqual({ key: 'max', limit: 365 });
    expect(problem('churn_extra_silence_days', 0)).toEqual({ key: 'churnAfterAtRisk' });
    expect(problem('core_active_days_over', 30)).toEqual({ key: 'coreBelowWindow', window: 30 });
    expect(problem('(rules)', 1)).toEqual({ key: 'other', message: 'engine says no' });
  });

  it('takes only plain version numbers from URLs', () => {
    expect(['1', '42', '0', '-1', '1.5', '01', 'x', '9999999999'].map(parseVersion)).toEqual([
      1,
      42,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
