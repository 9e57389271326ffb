import type postgres from 'postgres';

/** A catalog object as pg_identify_object names it; oids as text, to compare across reads. */
export interface CatalogObject {
  classid: string;
  objid: string;
  /** pg_identify_object's type: 'function', 'view', 'materialized view', 'table', … */
  kind: string;
  /** Schema-qualified, quoted as DROP takes it: `public.f(bigint,jsonb)`. */
  identity: string;
  name: string;
  inPublic: boolean;
}

type Sql = postgres.Sql | postgres.TransactionSql;

/** Every function and relation (not index) of schema public. */
export async function publicObjects(sql: Sql): Promise<CatalogObject[]> {
  return sql<CatalogObject[]>`
    select x.classid::text as classid, x.objid::text as objid, o.type as kind, o.identity, x.name,
      true as "inPublic"
    from (
      select 'pg_proc'::regclass::oid as classid, p.oid as objid, p.proname::text as name
      from pg_proc p where p.pronamespace = 'public'::regnamespace
      union all
      select 'pg_class'::regclass::oid, c.oid, c.relname::text
      from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S', 'c')
    ) x
    cross join pg_identify_object(x.classid, x.objid, 0) o`;
}

/** The function(s) or the plain view of schema public with that name. */
export async function objectsNamed(sql: Sql, kind: string, name: string): Promise<CatalogObject[]> {
  return (await publicObjects(sql)).filter((o) => o.kind === kind && o.name === name);
}

/**
 * Everything that depends on `objects`, directly or through others, as DROP … CASCADE would
 * drop it. A view depends through its rewrite rule, and a function returning a view's row
 * type through that type, so both are followed to the relation.
 */
export async function dependantsOf(sql: Sql, objects: CatalogObject[]): Promise<CatalogObject[]> {
  const classids = objects.map((o) => o.classid);
  const objids = objects.map((o) => o.objid);
  return sql<CatalogObject[]>`
    with recursive nodes(classid, objid) as (
      select s.classid, s.objid
      from unnest(${classids}::text[]::oid[], ${objids}::text[]::oid[]) s(classid, objid)
      union
      select case when d.classid = 'pg_rewrite'::regclass then 'pg_class'::regclass::oid
          else d.classid end,
        case when d.classid = 'pg_rewrite'::regclass then r.ev_class else d.objid end
      from nodes n
      join pg_depend d on d.deptype = 'n' and (
        (d.refclassid = n.classid and d.refobjid = n.objid)
        or (n.classid = 'pg_class'::regclass and d.refclassid = 'pg_type'::regclass
          and d.refobjid = (select t.oid from pg_type t where t.typrelid = n.objid)))
      left join pg_rewrite r on d.classid = 'pg_rewrite'::regclass and r.oid = d.objid
    )
    select n.classid::text as classid, n.objid::text as objid, o.type as kind, o.identity,
      coalesce(p.proname, c.relname, o.identity)::text as name,
      coalesce(p.pronamespace, c.relnamespace) is not distinct from 'public'::regnamespace
        as "inPublic"
    from nodes n
    cross join pg_identify_object(n.classid, n.objid, 0) o
    left join pg_proc p on n.classid = 'pg_proc'::regclass and p.oid = n.objid
    left join pg_class c on n.classid = 'pg_class'::regclass and c.oid = n.objid
    where (n.classid::text, n.objid::text) not in (
      select * from unnest(${classids}::text[], ${objids}::text[]))
    order by o.identity`;
}

/** DROP … CASCADE, once the caller has made sure of what the cascade reaches. */
export async function dropObjects(sql: Sql, objects: CatalogObject[]): Promise<void> {
  for (const type of ['view', 'function']) {
    const names = objects.filter((o) => o.kind === type).map((o) => o.identity);
    if (names.length) await sql.unsafe(`drop ${type} if exists ${names.join(', ')} cascade`);
  }
}
