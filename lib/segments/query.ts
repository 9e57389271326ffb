import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Stage } from '../lifecycle/stage-names';
import { encodeCursor, type SegmentCursor } from './cursor';
import { SegmentFilterError } from './errors';
import type { SegmentFilters, SegmentSort } from './filters';

export const pageSize = 50;

export interface SegmentFan {
  fanId: number;
  /** Name, username and Telegram id: null for a role without fan lookup (see `personal`). */
  telegramUserId: number | null;
  name: string | null;
  username: string | null;
  stage: Stage;
  joinedAt: string;
  lastEngagedAt: string | null;
  /** Spend in the value window (all currencies added, as the stage rules count it). */
  spend: number;
  windowEngagements: number;
  activeDays: number;
  tags: string[];
}

export interface SegmentPage {
  fans: SegmentFan[];
  /** Pass back as `after` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Whether names, usernames and Telegram ids were included (roles with fan lookup). */
  personal: boolean;
}

/** Who reads the rows: names and Telegram ids only for a role with fan lookup. */
export interface SegmentReader {
  personal: boolean;
}

// Each sort is a column of fan_features with an index on (column, fan_id), so a page is an
// index range read whatever its depth (keyset, never OFFSET).
const sortColumns: Record<SegmentSort, { column: SQL; type: SQL }> = {
  joined_at: { column: sql`ff.joined_at`, type: sql`timestamptz` },
  last_seen: { column: sql`ff.silence_from`, type: sql`timestamptz` },
  spend: { column: sql`ff.spend`, type: sql`numeric` },
};

/**
 * Resolves names to ids, so an unknown tag or community is a clear error naming the field
 * (`at`.tag, `at`.community), not an empty result.
 */
export async function resolveFilters(db: Executor, filters: SegmentFilters, at = 'query') {
  let tagIds: number[] | undefined;
  if (filters.tag?.length) {
    const rows = await db.execute<{ id: number; name: string }>(
      sql`select id, name from tags where name = any(${array(filters.tag, sql`text`)})`,
    );
    const missing = filters.tag.filter((name) => !rows.some((r) => r.name === name));
    if (missing.length > 0) throw new SegmentFilterError(`${at}.tag`, 'unknown_tag', missing);
    tagIds = rows.map((r) => Number(r.id));
  }
  if (filters.community !== undefined) {
    const rows = await db.execute(sql`select 1 from communities where id = ${filters.community}`);
    if (rows.length === 0)
      throw new SegmentFilterError(`${at}.community`, 'unknown_community', [filters.community]);
  }
  return { ...filters, tagIds };
}

export type ResolvedFilters = Awaited<ReturnType<typeof resolveFilters>>;

/** A Postgres array literal of bound values (drizzle would splice a JS array as a row). */
const array = (values: readonly (string | number)[], type: SQL) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::${type}[]`;

function conditions(f: ResolvedFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.stage?.length) parts.push(sql`fl.stage = any(${array(f.stage, sql`lifecycle_stage`)})`);
  if (f.tagIds)
    parts.push(sql`exists (select 1 from fan_tags t
      where t.fan_id = ff.fan_id and t.tag_id = any(${array(f.tagIds, sql`int8`)}))`);
  if (f.community !== undefined)
    parts.push(sql`exists (select 1 from fan_presence p
      where p.fan_id = ff.fan_id and p.community_id = ${f.community})`);
  if (f.joinedFrom)
    parts.push(sql`ff.joined_at >= ${f.joinedFrom}::date::timestamp at time zone 'UTC'`);
  if (f.joinedTo)
    parts.push(sql`ff.joined_at < (${f.joinedTo}::date + 1)::timestamp at time zone 'UTC'`);
  if (f.silentMin !== undefined)
    parts.push(sql`ff.silence_from <= now() - make_interval(days => ${f.silentMin})`);
  if (f.silentMax !== undefined)
    parts.push(sql`ff.silence_from >= now() - make_interval(days => ${f.silentMax})`);
  if (f.spendMin !== undefined) parts.push(sql`ff.spend >= ${f.spendMin}`);
  if (f.spendMax !== undefined) parts.push(sql`ff.spend <= ${f.spendMax}`);
  return sql.join(parts, sql` and `);
}

const counted = sql`from fan_features ff join fan_lifecycle fl on fl.fan_id = ff.fan_id`;
const from = sql`${counted} join fans f on f.id = ff.fan_id`;

// Without fan lookup the personal columns are not even read.
const personalColumns = sql`f.telegram_user_id as "telegramUserId", f.username,
      f.first_name, f.last_name, f.erased_at is not null as erased`;
const hiddenColumns = sql`null::int8 as "telegramUserId", null::text as username,
      null::text as first_name, null::text as last_name, true as erased`;

/**
 * The rows of a segment query: one page after the cursor `after` (which the route has
 * checked to be of this sort order), or every row (for export).
 */
export function segmentRowsQuery(
  f: ResolvedFilters,
  { after, limit, personal }: { after?: SegmentCursor; limit?: number; personal: boolean },
): SQL {
  const { column, type } = sortColumns[f.sort];
  const dir = f.dir === 'asc' ? sql`asc` : sql`desc`;
  let keyset = sql`true`;
  if (after)
    keyset =
      f.dir === 'asc'
        ? sql`(${column}, ff.fan_id) > (${after.value}::${type}, ${after.fanId}::int8)`
        : sql`(${column}, ff.fan_id) < (${after.value}::${type}, ${after.fanId}::int8)`;
  // The sort value as ISO text (timestamps) or plain decimal (spend), as the cursor checks it.
  const sortValue = f.sort === 'spend' ? sql`${column}::text` : sql`to_json(${column}) #>> '{}'`;
  return sql`
    select ff.fan_id as "fanId", ${personal ? personalColumns : hiddenColumns}, fl.stage,
      to_json(ff.joined_at) #>> '{}' as "joinedAt",
      to_json(ff.last_engaged_at) #>> '{}' as "lastEngagedAt",
      ff.spend::float8 as spend, ff.window_engagements as "windowEngagements",
      ff.active_days as "activeDays", ${sortValue} as sort_value,
      array(select t.name from fan_tags ft join tags t on t.id = ft.tag_id
        where ft.fan_id = ff.fan_id order by t.name) as tags
    ${personal ? from : counted}
    where ${conditions(f)} and ${keyset}
    order by ${column} ${dir}, ff.fan_id ${dir}
    ${limit === undefined ? sql`` : sql`limit ${limit}`}`;
}

export type SegmentRow = Omit<SegmentFan, 'name'> & {
  first_name: string | null;
  last_name: string | null;
  erased: boolean;
  sort_value: string;
};

export function toSegmentFan(row: SegmentRow, { personal }: SegmentReader): SegmentFan {
  const base = {
    fanId: row.fanId,
    stage: row.stage,
    joinedAt: row.joinedAt,
    lastEngagedAt: row.lastEngagedAt,
    spend: row.spend,
    windowEngagements: row.windowEngagements,
    activeDays: row.activeDays,
    tags: row.tags,
  };
  if (!personal) return { ...base, telegramUserId: null, name: null, username: null };
  const name = row.erased
    ? `#${row.fanId}`
    : [row.first_name, row.last_name].filter(Boolean).join(' ') ||
      (row.username ? `@${row.username}` : `#${row.telegramUserId}`);
  return {
    ...base,
    telegramUserId: row.telegramUserId,
    name,
    username: row.erased ? null : row.username,
  };
}

/** One page of the segment, sorted, after the cursor `after` (the first page without). */
export async function getSegmentPage(
  db: Executor,
  filters: SegmentFilters,
  { after, personal }: { after?: SegmentCursor } & SegmentReader,
): Promise<SegmentPage> {
  const resolved = await resolveFilters(db, filters);
  const rows = await db.execute<SegmentRow>(
    segmentRowsQuery(resolved, { after, limit: pageSize + 1, personal }),
  );
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    fans: page.map((row) => toSegmentFan(row, { personal })),
    nextCursor:
      rows.length > pageSize && last
        ? encodeCursor({
            sort: filters.sort,
            dir: filters.dir,
            value: last.sort_value,
            fanId: last.fanId,
          })
        : null,
    personal,
  };
}

/** How many fans the segment holds. */
export async function countSegment(db: Executor, filters: SegmentFilters): Promise<number> {
  const resolved = await resolveFilters(db, filters);
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int8 as n ${counted} where ${conditions(resolved)}`,
  );
  return row!.n;
}
