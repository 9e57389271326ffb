import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import { parseSegmentFilters, segmentSearchParams, type SegmentFilters } from './filters';
import { SegmentFilterError } from './errors';

export interface SavedSegment {
  id: number;
  name: string;
  filters: SegmentFilters;
  updatedAt: string;
}

const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

/** Saves the filters (in their URL form) under a name; saving under an existing name (any case) replaces them. */
export async function saveSegment(
  db: Executor,
  { name, filters, userId }: { name: string; filters: SegmentFilters; userId: number | null },
): Promise<SavedSegment> {
  const parsedName = nameSchema.safeParse(name);
  if (!parsedName.success)
    throw new SegmentFilterError('name', parsedName.error.issues[0]!.message);
  const [row] = await db.execute<{ id: number; name: string; updated_at: string }>(sql`
    insert into segments (name, filters, created_by)
    values (${parsedName.data},
      ${JSON.stringify(Object.fromEntries(segmentSearchParams(filters)))}::jsonb, ${userId})
    on conflict (lower(name)) do update set filters = excluded.filters, updated_at = now()
    returning id, name, to_json(updated_at) #>> '{}' as updated_at`);
  return { id: row!.id, name: row!.name, filters, updatedAt: row!.updated_at };
}

/** Saved segments by name; one whose filters no longer parse is left out rather than failing all. */
export async function listSegments(db: Executor): Promise<SavedSegment[]> {
  const rows = await db.execute<{
    id: number;
    name: string;
    filters: Record<string, unknown>;
    updated_at: string;
  }>(sql`select id, name, filters, to_json(updated_at) #>> '{}' as updated_at
    from segments order by lower(name)`);
  return rows.flatMap((r) => {
    const parsed = parseSegmentFilters(r.filters);
    return parsed.ok
      ? [{ id: r.id, name: r.name, filters: parsed.filters, updatedAt: r.updated_at }]
      : [];
  });
}

export async function deleteSegment(db: Executor, id: number): Promise<boolean> {
  const rows = await db.execute(sql`delete from segments where id = ${id} returning 1`);
  return rows.length > 0;
}
