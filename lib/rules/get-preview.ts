import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { RuleSetError } from '../lifecycle/errors';
import { previewMoves, sampleFans, type PreviewMoves } from '../lifecycle/preview';
import { ruleParamNames, type RuleParams } from '../lifecycle/rule-params';
import { getPublishedRuleSet, getRuleSet } from '../lifecycle/rule-sets';
import { createTtlCache } from './preview-cache';
import type { PreviewJson, PreviewSampleJson } from './types';

// A preview compares every fan's stage under two rule sets: seconds on a large community.
// Its result is kept per draft and per state of the data it was computed from, for a short
// time, so reloading the page or several people looking at one draft compute it once.

export const previewTtlMs = 30_000;
const previewSamples = 8;
const previews = createTtlCache<PreviewMoves>({ ttlMs: previewTtlMs, maxEntries: 50 });

const paramsHash = (params: RuleParams) =>
  createHash('sha256')
    .update(JSON.stringify(ruleParamNames.map((name) => params[name])))
    .digest('hex')
    .slice(0, 16);

/** What the published side was computed from: the lifecycle job's last refresh. */
async function freshness(db: Executor): Promise<string> {
  const [state] = await db.execute<{ version: number | null; at: string | null }>(
    sql`select rule_set_version as version, refreshed_at::text as at
      from lifecycle_state where id = 1`,
  );
  return `${state?.version ?? '-'}@${state?.at ?? '-'}`;
}

/**
 * The preview of an open draft against the published rules, as JSON for the page. With
 * `people` false (a role without fan lookup), the sample fans are ids only.
 */
export async function getPreview(
  db: Database,
  version: number,
  { people }: { people: boolean },
): Promise<PreviewJson> {
  const draft = await getRuleSet(db, version);
  if (draft.status !== 'draft')
    throw new RuleSetError('not_draft', `Version ${version} is ${draft.status}, not a draft.`);
  const published = await getPublishedRuleSet(db);
  const key = [version, paramsHash(draft.params), published.version, await freshness(db)];
  const moves = await previews.get(key.join(':'), () =>
    previewMoves(db, { draft, published, samples: previewSamples }),
  );
  const fans = people
    ? await sampleFans(
        db,
        moves.cells.flatMap((c) => c.sampleIds),
      )
    : null;
  const sample = (fanId: number): PreviewSampleJson => {
    const fan = fans?.get(fanId);
    if (!fan) return { fanId };
    const { telegramUserId, username, name } = fan;
    return { fanId, person: { telegramUserId, username, name } };
  };
  return {
    ...moves,
    asOf: moves.asOf.toISOString(),
    showsPeople: people,
    cells: moves.cells.map(({ sampleIds, ...cell }) => ({
      ...cell,
      samples: sampleIds.map(sample),
    })),
  };
}
