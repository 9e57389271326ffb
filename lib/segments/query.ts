import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Stage } from '../lifecycle/stage-names';
import { encodeCursor, type SegmentCursor } from './cursor';
import { SegmentFilterError } from './errors';
import { isValueSort, type SegmentFilters, type SegmentSort, type ValueSort } from './filters';

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
  /** The fan's value as of the latest fit (fan_values); null without a linked customer in it. */
  value: FanValue | null;
}

/**
 * A fan's value from its linked customers: the 12-month CLV summed (base currency), P(alive)
 * and the RFM scores of its main customer (the highest CLV). CLV and P(alive) are null when
 * the fit had no BG/NBD model.
 */
export interface FanValue {
  clv12m: number | null;
  pAlive: number | null;
  r: number;
  f: number;
  m: number;
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

// Each sort is a column of fan_features or fan_values with an index on (column, fan_id), so
// a page is an index range read whatever its depth (keyset, never OFFSET).
const sortColumns: Record<SegmentSort, { column: SQL; type: SQL }> = {
  joined_at: { column: sql`ff.joined_at`, type: sql`timestamptz` },
  last_seen: { column: sql`ff.silence_from`, type: sql`timestamptz` },
  spend: { column: sql`ff.spend`, type: sql`numeric` },
  clv: { column: sql`fv.clv_12m`, type: sql`float8` },
  p_alive: { column: sql`fv.p_alive`, type: sql`float8` },
  r_score: { column: sql`fv.r_score`, type: sql`int2` },
  f_score: { column: sql`fv.f_score`, type: sql`int2` },
  m_score: { column: sql`fv.m_score`, type: sql`int2` },
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
  // A fan without a value (fv null, or a null CLV / P(alive)) fails every bound: left out.
  const bounds: [number | undefined, number | undefined, SQL][] = [
    [f.rMin, f.rMax, sql`fv.r_score`],
    [f.fMin, f.fMax, sql`fv.f_score`],
    [f.mMin, f.mMax, sql`fv.m_score`],
    [f.pAliveMin, f.pAliveMax, sql`fv.p_alive`],
    [f.clvMin, f.clvMax, sql`fv.clv_12m`],
  ];
  for (const [min, max, column] of bounds) {
    if (min !== undefined) parts.push(sql`${column} >= ${min}`);
    if (max !== undefined) parts.push(sql`${column} <= ${max}`);
  }
  return sql.join(parts, sql` and `);
}

// fan_values is left joined on its key: the planner drops the join when nothing reads it.
const counted = sql`from fan_features ff join fan_lifecycle fl on fl.fan_id = ff.fan_id
  left join fan_values fv on fv.fan_id = ff.fan_id`;
const withNames = sql`join fans f on f.id = ff.fan_id`;

// Without fan lookup the personal columns are not even read.
const personalColumns = sql`f.telegram_user_id as "telegramUserId", f.username,
      f.first_name, f.last_name, f.erased_at is not null as erased`;
const hiddenColumns = sql`null::int8 as "telegramUserId", null::text as username,
      null::text as first_name, null::text as last_name, true as erased`;

/** The columns of a segment row, its sort value last (as the cursor checks it). */
function rowColumns(personal: boolean, sortValue: SQL): SQL {
  return sql`ff.fan_id as "fanId", ${personal ? personalColumns : hiddenColumns}, fl.stage,
      to_json(ff.joined_at) #>> '{}' as "joinedAt",
      to_json(ff.last_engaged_at) #>> '{}' as "lastEngagedAt",
      ff.spend::float8 as spend, ff.window_engagements as "windowEngagements",
      ff.active_days as "activeDays",
      array(select t.name from fan_tags ft join tags t on t.id = ft.tag_id
        where ft.fan_id = ff.fan_id order by t.name) as tags,
      fv.fan_id is not null as valued, fv.clv_12m, fv.p_alive, fv.r_score, fv.f_score,
      fv.m_score, ${sortValue} as sort_value`;
}

/**
 * The rows of a segment query: one page after the cursor `after` (which the route has
 * checked to be of this sort order), or every row (for export).
 */
export function segmentRowsQuery(
  f: ResolvedFilters,
  { after, limit, personal }: { after?: SegmentCursor; limit?: number; personal: boolean },
): SQL {
  if (isValueSort(f.sort)) return valueSortedRowsQuery(f, f.sort, { after, limit, personal });
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
    select ${rowColumns(personal, sortValue)}
    ${counted} ${personal ? withNames : sql``}
    where ${conditions(f)} and ${keyset}
    order by ${column} ${dir}, ff.fan_id ${dir}
    ${limit === undefined ? sql`` : sql`limit ${limit}`}`;
}

/**
 * Sorted by a value of fan_values, the fans without one last (by fan id, in the same
 * direction): the fans with a value read through the value's (column, fan_id) index, those
 * without through fan_features' key, each part limited to the page; a cursor with no value
 * is already among the second part.
 */
function valueSortedRowsQuery(
  f: ResolvedFilters,
  sort: ValueSort,
  { after, limit, personal }: { after?: SegmentCursor; limit?: number; personal: boolean },
): SQL {
  const { column, type } = sortColumns[sort];
  const asc = f.dir === 'asc';
  const dir = asc ? sql`asc` : sql`desc`;
  const than = asc ? sql`>` : sql`<`;
  let valuedAfter = sql`true`;
  let unvaluedAfter = sql`true`;
  if (after?.value === null) {
    valuedAfter = sql`false`;
    unvaluedAfter = sql`ff.fan_id ${than} ${after.fanId}::int8`;
  } else if (after)
    valuedAfter = sql`(${column}, fv.fan_id) ${than} (${after.value}::${type}, ${after.fanId}::int8)`;
  const names = personal ? withNames : sql``;
  const cap = limit === undefined ? sql`` : sql`limit ${limit}`;
  // A bound on the sort's own value, or (scores are never null) on any value for a score
  // sort, leaves no fan without the value: that part is not read at all (the planner would
  // not see that `x is null and x >= 3` holds nothing).
  const bounded = (keys: (keyof ResolvedFilters)[]) => keys.some((k) => f[k] !== undefined);
  const noneWithout =
    bounded(boundKeys[sort]) || (!isNullableSort(sort) && bounded(Object.values(boundKeys).flat()));
  const without = noneWithout
    ? sql``
    : sql`union all
      (select ${rowColumns(personal, sql`null::text`)}
      ${counted} ${names}
      where ${column} is null and ${conditions(f)} and ${unvaluedAfter}
      order by ff.fan_id ${dir} ${cap})`;
  return sql`
    select * from (
      (select ${rowColumns(personal, sql`${column}::text`)}
      from fan_values fv join fan_features ff on ff.fan_id = fv.fan_id
        join fan_lifecycle fl on fl.fan_id = ff.fan_id ${names}
      where ${column} is not null and ${conditions(f)} and ${valuedAfter}
      order by ${column} ${dir}, fv.fan_id ${dir} ${cap})
      ${without}
    ) r
    order by r.sort_value is null, r.${sql.raw(sortKey[sort])} ${dir}, r."fanId" ${dir}
    ${cap}`;
}

/** The filters bounding each value sort's column. */
const boundKeys: Record<ValueSort, (keyof ResolvedFilters)[]> = {
  clv: ['clvMin', 'clvMax'],
  p_alive: ['pAliveMin', 'pAliveMax'],
  r_score: ['rMin', 'rMax'],
  f_score: ['fMin', 'fMax'],
  m_score: ['mMin', 'mMax'],
};

/** CLV and P(alive) are null when the fit had no BG/NBD model; the scores never are. */
const isNullableSort = (sort: ValueSort) => sort === 'clv' || sort === 'p_alive';

/** The output column each value sort orders by (typed, unlike the sort value's text). */
const sortKey: Record<ValueSort, string> = {
  clv: 'clv_12m',
  p_alive: 'p_alive',
  r_score: 'r_score',
  f_score: 'f_score',
  m_score: 'm_score',
};

export type SegmentRow = Omit<SegmentFan, 'name' | 'value'> & {
  first_name: string | null;
  last_name: string | null;
  erased: boolean;
  valued: boolean;
  clv_12m: number | null;
  p_alive: number | null;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  sort_value: string | null;
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
    value: row.valued
      ? {
          clv12m: row.clv_12m,
          pAlive: row.p_alive,
          r: row.r_score!,
          f: row.f_score!,
          m: row.m_score!,
        }
      : null,
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
  { after, personal, size = pageSize }: { after?: SegmentCursor; size?: number } & SegmentReader,
): Promise<SegmentPage> {
  const resolved = await resolveFilters(db, filters);
  const rows = await db.execute<SegmentRow>(
    segmentRowsQuery(resolved, { after, limit: size + 1, personal }),
  );
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    fans: page.map((row) => toSegmentFan(row, { personal })),
    nextCursor:
      rows.length > size && last
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
