import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { RuleSetError } from './errors';
import { refusalOf } from '../testing/refusal';
import { defaultRuleParams } from './rule-params';
import { getPublishedRuleSet, listRuleSets } from './rule-sets';
import { discardDraft, publishDraft, rollbackTo, startDraft, updateDraft } from './rule-set-writes';

const refusal = (promise: Promise<unknown>) => refusalOf(RuleSetError, promise);

describe('rule set writes', () => {
  let db: Database;
  const actor = { actorUserId: null };
  const audit = () =>
    db.execute<{ action: string; entity_id: string; before: unknown; after: unknown }>(
      sql`select action, entity_id, before, after from audit_log
        where entity = 'rule_set' order by id`,
    );
  const ruleSetRows = () =>
    db.execute(sql`select version, status, params, note from rule_sets order by version`);
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('starts with the default rules published as version 1, noted plainly', async () => {
    const published = await getPublishedRuleSet(db);
    expect([published.version, published.params, published.note]).toEqual([
      1,
      defaultRuleParams,
      'Default rules',
    ]);
  });

  it('refuses invalid values with each field’s code and limits, and changes nothing', async () => {
    const draft = await startDraft(db, actor);
    const before = await ruleSetRows();
    const error = await refusal(
      updateDraft(db, draft.version, {
        ...draft.params,
        at_risk_silence_days: 0,
        core_window_days: 400,
        core_messages_over: 2.5,
        churn_extra_silence_days: 'soon',
      }),
    );
    expect([error.code, error.status]).toEqual(['invalid', 400]);
    expect(error.fields).toEqual([
      expect.objectContaining({ path: 'params.core_window_days', code: 'too_big', maximum: 365 }),
      expect.objectContaining({ path: 'params.core_messages_over', code: 'invalid_type' }),
      expect.objectContaining({
        path: 'params.at_risk_silence_days',
        code: 'too_small',
        minimum: 1,
      }),
      expect.objectContaining({
        path: 'params.churn_extra_silence_days',
        code: 'invalid_type',
        expected: 'number',
      }),
    ]);
    const unknown = await refusal(updateDraft(db, draft.version, { ...draft.params, vip: 1 }));
    expect(unknown.fields).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect(unknown.message).toMatch(/vip/);
    // The rule across fields: its own code, with the largest value the window allows.
    const across = await refusal(
      updateDraft(db, draft.version, {
        ...draft.params,
        core_window_days: 14,
        core_active_days_over: 14,
      }),
    );
    expect(across.fields).toEqual([
      expect.objectContaining({
        path: 'params.core_active_days_over',
        code: 'core_days_within_window',
        maximum: 13,
      }),
    ]);
    expect(await ruleSetRows()).toEqual(before);
    expect((await startDraft(db, actor)).params).toEqual(defaultRuleParams);
  });

  it('audits starting a draft and each save with the values before and after', async () => {
    await db.execute(sql`delete from audit_log`);
    await db.execute(sql`update rule_sets set status = 'archived' where status = 'draft'`);
    const draft = await startDraft(db, { actorUserId: null });
    // Asking again returns the open draft: nothing written, nothing audited.
    expect((await startDraft(db, actor)).version).toBe(draft.version);
    await updateDraft(db, draft.version, { ...draft.params, at_risk_silence_days: 10 });
    expect(await audit()).toEqual([
      {
        action: 'rule_set.start_draft',
        entity_id: String(draft.version),
        before: null,
        after: { version: draft.version, basedOnVersion: 1, params: defaultRuleParams },
      },
      {
        action: 'rule_set.save_draft',
        entity_id: String(draft.version),
        before: { params: defaultRuleParams },
        after: { params: { ...defaultRuleParams, at_risk_silence_days: 10 } },
      },
    ]);
  });

  it('publishes a draft with a note, archives the old version and audits both sides', async () => {
    await db.execute(sql`delete from audit_log`);
    const draft = await startDraft(db, actor);
    const published = await publishDraft(db, {
      version: draft.version,
      note: '  Faster win-back ',
      actorUserId: null,
    });
    expect([published.status, published.note, published.params.at_risk_silence_days]).toEqual([
      'published',
      'Faster win-back',
      10,
    ]);
    const statuses = (await listRuleSets(db)).map((r) => [r.version, r.status]);
    expect(statuses[0]).toEqual([draft.version, 'published']);
    expect(statuses.filter(([, status]) => status !== 'archived')).toHaveLength(1);
    expect(await audit()).toEqual([
      {
        action: 'rule_set.publish',
        entity_id: String(draft.version),
        before: { version: 1, params: defaultRuleParams },
        after: {
          version: draft.version,
          params: { ...defaultRuleParams, at_risk_silence_days: 10 },
          note: 'Faster win-back',
        },
      },
    ]);
  });

  it('refuses a note that is empty, too long or holds a NUL, and changes nothing', async () => {
    const draft = await startDraft(db, actor);
    const before = [await ruleSetRows(), await audit()];
    for (const [note, code] of [
      ['   ', 'too_small'],
      ['x'.repeat(501), 'too_big'],
      ['ok\u0000', 'control_character'],
    ] as const) {
      const error = await refusal(
        publishDraft(db, { version: draft.version, note, actorUserId: null }),
      );
      expect([error.code, error.fields[0]?.path, error.fields[0]?.code]).toEqual([
        'invalid',
        'note',
        code,
      ]);
      const back = await refusal(rollbackTo(db, { version: 1, note, actorUserId: null }));
      expect(back.fields[0]?.code).toBe(code);
    }
    expect([await ruleSetRows(), await audit()]).toEqual(before);
  });

  it('discards a draft, audited; a second discard or a missing version is refused', async () => {
    const [draft] = (await listRuleSets(db)).filter((r) => r.status === 'draft');
    await discardDraft(db, { version: draft!.version, actorUserId: null });
    const last = (await audit()).at(-1);
    expect(last).toEqual({
      action: 'rule_set.discard',
      entity_id: String(draft!.version),
      before: {
        version: draft!.version,
        params: draft!.params,
        basedOnVersion: draft!.basedOnVersion,
      },
      after: null,
    });
    const again = await refusal(discardDraft(db, { version: draft!.version, actorUserId: null }));
    expect([again.code, again.status]).toEqual(['not_draft', 409]);
    const missing = await refusal(discardDraft(db, { version: 999, actorUserId: null }));
    expect([missing.code, missing.status]).toEqual(['not_found', 404]);
  });

  it('refuses to publish the same draft twice, or a draft overtaken by a rollback', async () => {
    const published = await getPublishedRuleSet(db);
    const twice = await refusal(
      publishDraft(db, { version: published.version, note: 'again', actorUserId: null }),
    );
    expect(twice.code).toBe('not_draft');
    const stale = await startDraft(db, actor);
    await rollbackTo(db, { version: 1, actorUserId: null });
    const error = await refusal(
      publishDraft(db, { version: stale.version, note: 'late', actorUserId: null }),
    );
    expect(error.code).toBe('not_draft');
  });

  it('rolls back to any earlier version as a new version, audited with the draft it set aside', async () => {
    const published = await getPublishedRuleSet(db);
    expect(published.params).toEqual(defaultRuleParams);
    expect(published.note).toBe('Rollback to v1');
    const [last] = (await audit()).slice(-1) as {
      action: string;
      after: Record<string, unknown>;
    }[];
    expect(last!.action).toBe('rule_set.rollback');
    expect(last!.after).toMatchObject({ version: published.version, rolledBackTo: 1 });
    expect(last!.after.draftSetAside).toBeTypeOf('number');
    const tenDays = (await listRuleSets(db)).find(
      (r) => r.publishedAt && r.params.at_risk_silence_days === 10,
    )!;
    const again = await rollbackTo(db, {
      version: tenDays.version,
      note: 'Back to 10 days',
      actorUserId: null,
    });
    expect([again.params.at_risk_silence_days, again.version > published.version]).toEqual([
      10,
      true,
    ]);
    expect(await refusal(rollbackTo(db, { version: 99, actorUserId: null }))).toHaveProperty(
      'code',
      'not_found',
    );
  });

  it('refuses a draft whose base is no longer the published version', async () => {
    const draft = await startDraft(db, actor);
    // Rollback archives open drafts; this guards any other way a draft goes stale.
    await db.execute(sql`update rule_sets set based_on_version = based_on_version - 1
      where version = ${draft.version}`);
    const error = await refusal(
      publishDraft(db, { version: draft.version, note: 'stale', actorUserId: null }),
    );
    expect([error.code, error.status]).toEqual(['stale_draft', 409]);
    expect((await getPublishedRuleSet(db)).version).toBe(draft.basedOnVersion);
  });
});
