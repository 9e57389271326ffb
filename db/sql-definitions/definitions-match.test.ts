import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { useTestDb } from '../testing/test-db';
import { definitionsFolder, readDefinitions, type Definition } from './read-definitions';

// The database the migrations and db/sql make is the one the files describe: every function
// and view has its file, and applying a file changes nothing.

let db: DbHandle;
beforeAll(async () => {
  db = await useTestDb();
});

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back. */
async function inRollback(fn: (tx: postgres.TransactionSql) => Promise<void>) {
  await db.sql
    .begin(async (tx) => {
      await fn(tx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

async function describeObject(tx: postgres.TransactionSql, d: Definition) {
  return d.kind === 'function'
    ? tx`select p.oid::text as oid, pg_get_functiondef(p.oid) as definition
        from pg_proc p
        where p.pronamespace = 'public'::regnamespace and p.proname = ${d.name}`
    : tx`select c.oid::text as oid, pg_get_viewdef(c.oid) as definition,
          (select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', '
            order by a.attnum) from pg_attribute a where a.attrelid = c.oid and a.attnum > 0)
            as columns
        from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind = 'v' and c.relname = ${d.name}`;
}

const materializedFolder = path.join(definitionsFolder, 'materialized');
const versioned = readdirSync(materializedFolder).map((file) => {
  const match = /^([a-z_][a-z0-9_]*)_v(\d{2})\.sql$/.exec(file);
  if (!match) throw new Error(`db/sql/materialized/${file} is not <name>_vNN.sql`);
  return {
    file,
    name: match[1]!,
    version: Number(match[2]),
    text: readFileSync(path.join(materializedFolder, file), 'utf8'),
  };
});
const latest = versioned.filter(
  (v) => !versioned.some((w) => w.name === v.name && w.version > v.version),
);

describe('SQL definitions: the database equals db/sql', () => {
  it('every function and view in schema public has a file, and every file its object', async () => {
    const objects = await db.sql<{ key: string }[]>`
      select 'function ' || p.proname as key from pg_proc p
      where p.pronamespace = 'public'::regnamespace
        and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass
          and d.objid = p.oid and d.deptype = 'e')
      union all
      select case c.relkind when 'v' then 'view ' else 'materialized view ' end || c.relname
      from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('v', 'm')
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
          and d.objid = c.oid and d.deptype = 'e')`;
    const files = [
      ...readDefinitions().map((d) => `${d.kind} ${d.name}`),
      ...latest.map((v) => `materialized view ${v.name}`),
    ];
    expect(objects.map((o) => o.key).sort()).toEqual(files.sort());
  });

  it('applying each function or view file changes nothing in the database', async () => {
    for (const definition of readDefinitions())
      await inRollback(async (tx) => {
        const before = await describeObject(tx, definition);
        await tx.unsafe(definition.text);
        // Same oid and text: replaced in place, no overload added, nothing else changed.
        expect(await describeObject(tx, definition), definition.file).toEqual(before);
      });
  });

  it("the recorded checksums are the files'", async () => {
    const recorded = await db.sql<{ key: string; checksum: string }[]>`
      select kind || ' ' || name as key, checksum from drizzle.sql_definitions`;
    expect(Object.fromEntries(recorded.map((r) => [r.key, r.checksum]))).toEqual(
      Object.fromEntries(readDefinitions().map((d) => [`${d.kind} ${d.name}`, d.checksum])),
    );
  });

  it('each materialized view is what its latest versioned file creates', async () => {
    for (const view of latest)
      await inRollback(async (tx) => {
        // Alone in a scratch schema, the file's view reads the same public tables and views.
        await tx`create schema scratch`;
        await tx`set local search_path to scratch, public`;
        await tx.unsafe(view.text);
        await tx`set local search_path to public`;
        const [row] = await tx`
          select pg_get_viewdef(${`scratch.${view.name}`}::regclass) as file,
            pg_get_viewdef(${`public.${view.name}`}::regclass) as database`;
        expect(row!.file, view.file).toBe(row!.database);
      });
  });

  it('each versioned materialized view is copied whole into one migration, which names it', () => {
    const migrationsFolder = path.join(definitionsFolder, '..', 'migrations');
    const migrations = readdirSync(migrationsFolder)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => ({ file: f, text: readFileSync(path.join(migrationsFolder, f), 'utf8') }));
    for (const view of versioned) {
      const holders = migrations.filter((m) => m.text.includes(view.text.trimEnd()));
      expect(
        holders.map((m) => m.file),
        view.file,
      ).toHaveLength(1);
      expect(holders[0]!.text, view.file).toContain(`db/sql/materialized/${view.file}`);
    }
  });
});
