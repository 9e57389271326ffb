import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { segmentFiltersSchema, segmentSearchParams, type SegmentFilters } from './filters';
import { resolveFilters } from './query';

/** Why a saved segment no longer opens: what it names is gone, or its filters are refused. */
export interface SegmentProblem {
  code: 'unknown_tag' | 'unknown_community' | 'invalid_filters';
  message: string;
  values?: unknown[];
}

export interface SavedSegment {
  id: number;
  name: string;
  /** The filters as the browser's query string (`stage=churned&sort=last_seen`). */
  query: string;
  updatedAt: string;
  /** Null when it opens; else why not (it is listed, so someone can fix or delete it). */
  problem: SegmentProblem | null;
}

/**
 * Saves the filters (in their URL form) under a name; saving under an existing name (any
 * case) replaces them. A tag or community the filters name must exist (else a
 * SegmentFilterError at `body.query.…`): the one saving hears it now, not whoever opens it.
 */
export async function saveSegment(
  db: Executor,
  { name, filters, userId }: { name: string; filters: SegmentFilters; userId: number | null },
): Promise<SavedSegment> {
  await resolveFilters(db, filters, 'body.query');
  const stored = Object.fromEntries(segmentSearchParams(filters));
  const [row] = await db.execute<{ id: number; name: string; updated_at: string }>(sql`
    insert into segments (name, filters, created_by)
    values (${name}, ${JSON.stringify(stored)}::jsonb, ${userId})
    on conflict (lower(name)) do update set filters = excluded.filters, updated_at = now()
    returning id, name, to_json(updated_at) #>> '{}' as updated_at`);
  await recordAudit(db, {
    actorUserId: userId,
    action: 'segment.save',
    entity: 'segment',
    entityId: row!.id,
    after: { name: row!.name, filters: stored },
  });
  return {
    id: row!.id,
    name: row!.name,
    query: segmentSearchParams(filters).toString(),
    updatedAt: row!.updated_at,
    problem: null,
  };
}

/**
 * Saved segments by name. One whose tag or community has gone since (or whose filters a
 * stricter check now refuses) is listed with the reason, not hidden and not failing the list.
 */
export async function listSegments(db: Executor): Promise<SavedSegment[]> {
  const rows = await db.execute<{
    id: number;
    name: string;
    filters: Record<string, unknown>;
    updated_at: string;
  }>(sql`select id, name, filters, to_json(updated_at) #>> '{}' as updated_at
    from segments order by lower(name)`);
  const parsed = rows.map((r) => ({ row: r, filters: segmentFiltersSchema.safeParse(r.filters) }));
  const tags = new Set<string>();
  const communities = new Set<number>();
  for (const { filters } of parsed)
    if (filters.success) {
      filters.data.tag?.forEach((t) => tags.add(t));
      if (filters.data.community !== undefined) communities.add(filters.data.community);
    }
  const [known] = await db.execute<{ tags: string[]; communities: number[] }>(sql`
    select
      array(select name from tags where name in
        (select jsonb_array_elements_text(${JSON.stringify([...tags])}::jsonb))) as tags,
      array(select id from communities where id in
        (select jsonb_array_elements_text(${JSON.stringify([...communities])}::jsonb)::int8))
        as communities`);
  const knownTags = new Set(known?.tags ?? []);
  const knownCommunities = new Set((known?.communities ?? []).map(Number));
  return parsed.map(({ row, filters }) => {
    // In the filters' own order (jsonb keeps keys sorted its way).
    const query = filters.success
      ? segmentSearchParams(filters.data).toString()
      : new URLSearchParams(Object.entries(row.filters).map(([k, v]) => [k, String(v)])).toString();
    return {
      id: row.id,
      name: row.name,
      query,
      updatedAt: row.updated_at,
      problem: problemOf(filters, knownTags, knownCommunities),
    };
  });
}

function problemOf(
  filters: ReturnType<typeof segmentFiltersSchema.safeParse>,
  knownTags: Set<string>,
  knownCommunities: Set<number>,
): SegmentProblem | null {
  if (!filters.success)
    return {
      code: 'invalid_filters',
      message: filters.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '),
    };
  const missingTags = (filters.data.tag ?? []).filter((t) => !knownTags.has(t));
  if (missingTags.length > 0)
    return {
      code: 'unknown_tag',
      message: `has no tag named ${missingTags.map((t) => `"${t}"`).join(', ')}`,
      values: missingTags,
    };
  const community = filters.data.community;
  if (community !== undefined && !knownCommunities.has(community))
    return {
      code: 'unknown_community',
      message: `names community ${community}, which does not exist`,
      values: [community],
    };
  return null;
}

/** Deletes one saved segment (audited); false when there is none with that id. */
export async function deleteSegment(
  db: Executor,
  { id, userId }: { id: number; userId: number | null },
): Promise<boolean> {
  const [row] = await db.execute<{ name: string; filters: Record<string, unknown> }>(
    sql`delete from segments where id = ${id} returning name, filters`,
  );
  if (!row) return false;
  await recordAudit(db, {
    actorUserId: userId,
    action: 'segment.delete',
    entity: 'segment',
    entityId: id,
    before: { name: row.name, filters: row.filters },
  });
  return true;
}
