import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { RuleSetError } from './errors';
import { refusalOf } from '../testing/refusal';
import { defaultRuleParams } from './rule-params';
import {
  getPublishedRuleSet,
  listRuleSets,
  publishDraft,
  rollbackTo,
  startDraft,
  updateDraft,
} from './rule-sets';

const refusal = (promise: Promise<unknown>) => refusalOf(RuleSetError, promise);

describe('rule sets', () => {
  let db: Database;
  const actor = { actorUserId: null };
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  it('starts with the default rules of DESIGN §5 published as version 1', async () => {
    const published = await getPublishedRuleSet(db);
    expect([published.version, published.params]).toEqual([1, defaultRuleParams]);
  });

  it('refuses invalid values with a message per field and changes nothing', async () => {
    const draft = await startDraft(db, actor);
    const error = await refusal(
      updateDraft(db, draft.version, {
        ...draft.params,
        at_risk_silence_days: 0,
        core_messages_over: 2.5,
        churn_extra_silence_days: 'soon',
      }),
    );
    expect(error.code).toBe('invalid');
    expect(error.fields).toEqual({
      at_risk_silence_days: 'at_risk_silence_days must be at least 1',
      core_messages_over: 'core_messages_over must be a whole number',
      churn_extra_silence_days: 'churn_extra_silence_days must be a whole number',
    });
    const unknown = await refusal(updateDraft(db, draft.version, { ...draft.params, vip: 1 }));
    expect(unknown.message).toMatch(/vip/);
    expect((await startDraft(db, actor)).params).toEqual(defaultRuleParams);
  });

  it('publishes a draft with a note, archives the old version and audits both sides', async () => {
    const draft = await startDraft(db, actor);
    await updateDraft(db, draft.version, { ...draft.params, at_risk_silence_days: 10 });
    const published = await publishDraft(db, {
      version: draft.version,
      note: 'Faster win-back',
      actorUserId: null,
    });
    expect([published.status, published.note, published.params.at_risk_silence_days]).toEqual([
      'published',
      'Faster win-back',
      10,
    ]);
    const statuses = (await listRuleSets(db)).map((r) => [r.version, r.status]);
    expect(statuses).toEqual([
      [2, 'published'],
      [1, 'archived'],
    ]);
    const audit = await db.execute<{ action: string; before: unknown; after: unknown }>(
      sql`select action, before, after from audit_log order by id`,
    );
    expect(audit).toEqual([
      {
        action: 'rule_set.publish',
        before: { version: 1, params: defaultRuleParams },
        after: {
          version: 2,
          params: { ...defaultRuleParams, at_risk_silence_days: 10 },
          note: 'Faster win-back',
        },
      },
    ]);
  });

  it('refuses to publish the same draft twice, or a draft overtaken by another publish', async () => {
    const twice = await refusal(publishDraft(db, { version: 2, note: 'again', actorUserId: null }));
    expect(twice.code).toBe('not_draft');
    const stale = await startDraft(db, actor);
    await rollbackTo(db, { version: 1, actorUserId: null });
    const error = await refusal(
      publishDraft(db, { version: stale.version, note: 'late', actorUserId: null }),
    );
    expect(error.code).toBe('not_draft');
  });

  it('rolls back to any earlier version as a new version, audited', async () => {
    const published = await getPublishedRuleSet(db);
    expect(published.params).toEqual(defaultRuleParams);
    expect(published.note).toBe('Rollback to v1');
    const [audit] = await db.execute<{ action: string; before: { version: number } }>(
      sql`select action, before from audit_log order by id desc limit 1`,
    );
    expect([audit!.action, audit!.before.version]).toEqual(['rule_set.rollback', 2]);
    const again = await rollbackTo(db, { version: 2, note: 'Back to 10 days', actorUserId: null });
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
    // The API archives open drafts on rollback; this guards any other way a draft goes stale.
    await db.execute(sql`update rule_sets set based_on_version = based_on_version - 1
      where version = ${draft.version}`);
    const error = await refusal(
      publishDraft(db, { version: draft.version, note: 'stale', actorUserId: null }),
    );
    expect(error.code).toBe('stale_draft');
    expect((await getPublishedRuleSet(db)).version).toBe(draft.basedOnVersion);
  });
});
