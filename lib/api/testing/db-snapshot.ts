import type { Sql } from '../../../db/client';

// "Changed nothing", checked: row counts and a checksum of every row of every table that
// a request may touch. The audit log and sign-in attempts are left out: a refused request
// may rightly be recorded there.

const excluded = new Set(['audit_log', 'sign_in_attempts', '__drizzle_migrations']);

export type Snapshot = Record<string, string>;

export async function snapshotTables(sql: Sql): Promise<Snapshot> {
  const tables = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by 1`;
  const parts = tables
    .map((t) => t.name)
    .filter((name) => !excluded.has(name))
    .map(
      (name) =>
        `select '${name}' as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as sum from "${name}" t`,
    );
  const rows = await sql.unsafe<{ name: string; sum: string }[]>(parts.join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
