import type postgres from 'postgres';
import type { Definition } from './read-definitions';

type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * What was applied: the file's checksum, and a hash of the object as the database then
 * described it, so a definition changed behind our back (by hand, or by a migration) is
 * noticed and restored at the next start.
 */
export interface DefinitionRecord {
  kind: string;
  name: string;
  checksum: string;
  deparsedMd5: string;
}

export async function readRecords(sql: Sql): Promise<DefinitionRecord[]> {
  await sql`create schema if not exists drizzle`;
  await sql`create table if not exists drizzle.sql_definitions (
    kind text not null,
    name text not null,
    checksum text not null,
    deparsed_md5 text not null,
    applied_at timestamptz not null default now(),
    primary key (kind, name))`;
  return sql<DefinitionRecord[]>`
    select kind, name, checksum, deparsed_md5 as "deparsedMd5" from drizzle.sql_definitions`;
}

export async function writeRecord(sql: Sql, definition: Definition, deparsedMd5: string) {
  await sql`
    insert into drizzle.sql_definitions (kind, name, checksum, deparsed_md5)
    values (${definition.kind}, ${definition.name}, ${definition.checksum}, ${deparsedMd5})
    on conflict (kind, name) do update
      set checksum = excluded.checksum, deparsed_md5 = excluded.deparsed_md5,
        applied_at = excluded.applied_at`;
}

export async function deleteRecord(sql: Sql, record: { kind: string; name: string }) {
  await sql`
    delete from drizzle.sql_definitions where kind = ${record.kind} and name = ${record.name}`;
}

/** `<kind> <name>` → md5 of pg_get_functiondef or pg_get_viewdef, for schema public. */
export async function deparsedMd5s(sql: Sql): Promise<Map<string, string>> {
  const rows = await sql<{ key: string; md5: string }[]>`
    select 'function ' || p.proname as key,
      md5(string_agg(pg_get_functiondef(p.oid), ';' order by p.oid)) as md5
    from pg_proc p
    where p.pronamespace = 'public'::regnamespace and p.prokind in ('f', 'p')
    group by p.proname
    union all
    select 'view ' || c.relname, md5(pg_get_viewdef(c.oid))
    from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'v'`;
  return new Map(rows.map((r) => [r.key, r.md5]));
}
