import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { Stage } from '../../db/schema';

// Support's fan lookup (DESIGN §6): one search box for "@username", a Telegram user id, a
// name (case-insensitive prefix of the first name, the last name or "first last"), an
// outside customer id (exact), or "#<fan id>". Every branch is served by an index of
// migration 0010 (or a primary/unique key): the prefixes by `lower(col) text_pattern_ops`
// with LIKE lower($q) || '%', so a million fans are never scanned.

export type FanQuery =
  | { kind: 'username'; prefix: string }
  | { kind: 'number'; digits: string }
  | { kind: 'fan_id'; id: number }
  | { kind: 'text'; text: string };

export type QueryProblem = 'empty' | 'too_long' | 'bad_username' | 'bad_fan_id';

export type ParsedQuery =
  { ok: true; query: FanQuery } | { ok: false; problem: QueryProblem; message: string };

export const maxQueryLength = 100;

const problem = (p: QueryProblem, message: string): ParsedQuery => ({
  ok: false,
  problem: p,
  message,
});

/**
 * What the search box holds, read as one kind of key, or why it cannot be searched. Control
 * characters are refused before, by the route's schema (lib/fans/schemas.ts).
 */
export function parseFanQuery(raw: string): ParsedQuery {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '')
    return problem('empty', 'Type a @username, a Telegram id, a name or a customer id');
  if (text.length > maxQueryLength)
    return problem('too_long', `The search is longer than ${maxQueryLength} characters`);
  if (text.startsWith('@')) {
    const prefix = text.slice(1);
    // Telegram usernames: letters, digits and underscores, at most 32.
    if (!/^[A-Za-z0-9_]{1,32}$/.test(prefix))
      return problem(
        'bad_username',
        'A @username has 1 to 32 letters, digits or underscores after the @',
      );
    return { ok: true, query: { kind: 'username', prefix } };
  }
  if (text.startsWith('#')) {
    const digits = text.slice(1);
    const id = Number(digits);
    if (!/^[1-9][0-9]{0,15}$/.test(digits) || !Number.isSafeInteger(id))
      return problem('bad_fan_id', 'A fan number is # followed by a positive whole number');
    return { ok: true, query: { kind: 'fan_id', id } };
  }
  if (/^[0-9]+$/.test(text)) return { ok: true, query: { kind: 'number', digits: text } };
  return { ok: true, query: { kind: 'text', text } };
}

/** LIKE's wildcards (and its escape) taken literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}

export type MatchedBy = 'fan_id' | 'telegram_id' | 'external_id' | 'username' | 'name';

export interface FanSearchResult {
  id: number;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Null once the fan was erased: the Telegram id went with the personal fields. */
  telegramUserId: number | null;
  stage: Stage | null;
  firstSeenAt: string | null;
  erased: boolean;
  matchedBy: MatchedBy;
}

export interface FanSearch {
  results: FanSearchResult[];
  /** More fans matched than `limit`; a longer prefix narrows them. */
  more: boolean;
}

const prefixOf = (column: SQL, value: string) =>
  sql`lower(${column}) like lower(${escapeLike(value)}) || '%' escape '\\'`;

// One select per index; each yields (id, matched_by, rank, sort_key).
function branches(q: FanQuery): SQL[] {
  const live = sql`erased_at is null`;
  switch (q.kind) {
    case 'fan_id':
      return [
        sql`select id, 'fan_id' as matched_by, 0 as rank, '' as sort_key from fans where id = ${q.id}`,
      ];
    case 'number': {
      const out = [
        sql`select fan_id as id, 'external_id', 2, '' from customers where customer_key = ${q.digits} and fan_id is not null`,
      ];
      const n = Number(q.digits);
      if (Number.isSafeInteger(n) && n > 0)
        out.unshift(
          sql`select id, 'telegram_id', 1, '' from fans where telegram_user_id = ${n} and ${live}`,
        );
      return out;
    }
    case 'username':
      return [
        sql`select id, 'username', 3, lower(username) from fans
          where ${prefixOf(sql`username`, q.prefix)} and ${live}`,
      ];
    case 'text': {
      const name = sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))`;
      const out = [
        sql`select fan_id, 'external_id', 2, '' from customers where customer_key = ${q.text} and fan_id is not null`,
        sql`select id, 'name', 4, ${name} from fans where ${prefixOf(sql`first_name`, q.text)} and ${live}`,
        sql`select id, 'name', 4, ${name} from fans where ${prefixOf(sql`last_name`, q.text)} and ${live}`,
      ];
      // "first last": the first name whole, the last name by prefix, at each space (a first
      // name may hold spaces; an export keeps the whole display name as the first name,
      // which the first-name prefix above already matches).
      const words = q.text.split(' ');
      for (let i = 1; i < words.length; i++) {
        const first = words.slice(0, i).join(' ');
        const last = words.slice(i).join(' ');
        out.push(sql`select id, 'name', 4, ${name} from fans
          where lower(first_name) = lower(${first}) and ${prefixOf(sql`last_name`, last)} and ${live}`);
      }
      // A bare word may be a username typed without its @.
      if (/^[A-Za-z0-9_]{1,32}$/.test(q.text))
        out.push(sql`select id, 'username', 3, lower(username) from fans
          where ${prefixOf(sql`username`, q.text)} and ${live}`);
      return out;
    }
  }
}

/** The SQL of a search (exported for EXPLAIN in the tests). */
export function searchQuery(q: FanQuery, limit: number): SQL {
  return sql`
    with m (id, matched_by, rank, sort_key) as (${sql.join(branches(q), sql` union all `)}),
    best as (select distinct on (id) id, matched_by, rank, sort_key from m order by id, rank),
    -- The page is cut before the join, so a short prefix matching many fans costs a sort
    -- of their keys, not a look-up of each.
    top as (select * from best order by rank, sort_key, id limit ${limit + 1})
    select f.id, f.username, f.first_name, f.last_name, f.telegram_user_id, f.erased_at,
      to_char(f.first_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as first_seen_at,
      l.stage, b.matched_by
    from top b join fans f on f.id = b.id left join fan_lifecycle l on l.fan_id = f.id
    order by b.rank, b.sort_key, f.id`;
}

/** Fans matching a parsed query, best kind of match first, at most `limit`. */
export async function searchFans(
  db: Executor,
  q: FanQuery,
  { limit = 50 }: { limit?: number } = {},
): Promise<FanSearch> {
  const rows = await db.execute<{
    id: number;
    username: string | null;
    first_name: string | null;
    last_name: string | null;
    telegram_user_id: number;
    erased_at: Date | string | null;
    first_seen_at: string | null;
    stage: Stage | null;
    matched_by: MatchedBy;
  }>(searchQuery(q, limit));
  return {
    results: rows.slice(0, limit).map((r) => ({
      id: Number(r.id),
      username: r.username,
      firstName: r.first_name,
      lastName: r.last_name,
      telegramUserId: r.erased_at ? null : Number(r.telegram_user_id),
      stage: r.stage,
      firstSeenAt: r.first_seen_at,
      erased: r.erased_at !== null,
      matchedBy: r.matched_by,
    })),
    more: rows.length > limit,
  };
}
