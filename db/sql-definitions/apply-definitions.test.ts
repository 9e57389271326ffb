import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { createDb } from '../client';
import { runMigrations } from '../migrate';
import { createDatabaseFromTemplate } from '../testing/test-server';
import { checksumOf, definitionsFolder } from './read-definitions';

// runMigrations on a database already migrated (a clone of the template), with a copy of
// db/sql edited the way a change would edit it.

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyOfDefinitions(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sql-definitions-'));
  folders.push(dir);
  cpSync(definitionsFolder, dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string) {
  const at = path.join(dir, file);
  const text = readFileSync(at, 'utf8');
  const changed = change(text);
  if (changed === text) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(at, changed);
}

async function migratedDb() {
  const { url } = await createDatabaseFromTemplate(inject('testServer'));
  const handle = createDb({ url, max: 1 });
  onTestFinished(() => handle.close());
  const state = async () =>
    Object.fromEntries(
      (
        await handle.sql<{ key: string; oid: string; applied_at: Date; checksum: string }[]>`
          select r.kind || ' ' || r.name as key, r.applied_at, r.checksum,
            coalesce((select string_agg(p.oid::text, ',') from pg_proc p
                where p.pronamespace = 'public'::regnamespace and p.proname = r.name),
              (select c.oid::text from pg_class c
                where c.relnamespace = 'public'::regnamespace and c.relname = r.name)) as oid
          from drizzle.sql_definitions r`
      ).map((r) => [r.key, r]),
    );
  return { ...handle, url, state };
}

const rankBody = `select case s when 'churned' then 0`;

describe('SQL definitions: applied at start when changed', () => {
  it('an unchanged folder applies nothing: oids and applied_at stay', async () => {
    const db = await migratedDb();
    const before = await db.state();
    expect(Object.keys(before)).toHaveLength(13);
    expect(await runMigrations(db.url)).toEqual({ applied: [], dropped: [] });
    expect(await db.state()).toEqual(before);
  });

  it('a changed file is applied at the next start and its new checksum recorded', async () => {
    const db = await migratedDb();
    const before = await db.state();
    const dir = copyOfDefinitions();
    edit(dir, 'functions/growth_stage_rank.sql', (t) => t.replace(rankBody, `${rankBody} + 0`));

    expect(await runMigrations(db.url, { definitionsFolder: dir })).toEqual({
      applied: ['functions/growth_stage_rank.sql'],
      dropped: [],
    });
    const [rank] = await db.sql`select prosrc from pg_proc where proname = 'growth_stage_rank'`;
    expect(rank!.prosrc).toContain(`${rankBody} + 0`);
    const after = await db.state();
    const changed = 'function growth_stage_rank';
    expect(after[changed]!.checksum).toBe(
      checksumOf(readFileSync(path.join(dir, 'functions/growth_stage_rank.sql'), 'utf8')),
    );
    expect(after[changed]!.applied_at).not.toEqual(before[changed]!.applied_at);
    expect(after[changed]!.oid).toBe(before[changed]!.oid);
    for (const key of Object.keys(before).filter((k) => k !== changed))
      expect(after[key], key).toEqual(before[key]);

    expect(await runMigrations(db.url, { definitionsFolder: dir })).toEqual({
      applied: [],
      dropped: [],
    });
  });

  it('a definition changed behind its back (by hand, by a migration) is restored', async () => {
    const db = await migratedDb();
    await db.sql`create or replace function growth_stage_rank(s lifecycle_stage) returns int
      language sql immutable parallel safe as $$ select 7 $$`;
    await db.sql`drop view fan_current_stages`;

    expect(await runMigrations(db.url)).toEqual({
      applied: ['functions/growth_stage_rank.sql', 'views/fan_current_stages.sql'],
      dropped: [],
    });
    const [row] = await db.sql`select growth_stage_rank('core') as rank,
      to_regclass('fan_current_stages') is not null as view`;
    expect(row).toEqual({ rank: 4, view: true });
  });

  it('a changed return type drops and creates the function, and the views over it', async () => {
    const db = await migratedDb();
    const before = await db.state();
    const dir = copyOfDefinitions();
    edit(dir, 'functions/lifecycle_stages.sql', (t) =>
      t
        .replace('next_check_at timestamptz\n)', 'next_check_at timestamptz,\n  probe int\n)')
        .replace('d.next_check_at\nFROM', 'd.next_check_at, 7\nFROM'),
    );

    const report = await runMigrations(db.url, { definitionsFolder: dir });
    expect(report.dropped).toEqual([
      'public.lifecycle_stages(timestamp with time zone,pg_catalog.jsonb,bigint[])',
    ]);
    // The view went with the function; everything after it in the order is applied again.
    expect(report.applied).toEqual([
      'functions/lifecycle_stages.sql',
      'functions/lifecycle_stored_stages.sql',
      'functions/growth_stage_rank.sql',
      'functions/stage_day_changes.sql',
      'views/growth_fan_joins.sql',
      'functions/join_day_changes.sql',
      'functions/stage_outcome_changes.sql',
      'functions/stage_month_changes.sql',
      'views/fan_current_stages.sql',
      'functions/refresh_fan_values.sql',
      'functions/fan_values_sync.sql',
    ]);
    const after = await db.state();
    expect(after['function lifecycle_stages']!.oid).not.toBe(
      before['function lifecycle_stages']!.oid,
    );
    const columns = await db.sql`select column_name from information_schema.columns
      where table_name = 'fan_current_stages' and column_name = 'probe'`;
    expect(columns).toHaveLength(1);
    expect(await runMigrations(db.url, { definitionsFolder: dir })).toEqual({
      applied: [],
      dropped: [],
    });
  });

  it('a changed argument list replaces the function (no overload left); a removed file is dropped', async () => {
    const db = await migratedDb();
    const dir = copyOfDefinitions();
    writeFileSync(
      path.join(dir, 'functions/probe_double.sql'),
      'create or replace function probe_double(x int) returns int\n' +
        'language sql immutable as $$ select x * 2 $$;\n',
    );
    writeFileSync(
      path.join(dir, 'views/probe_doubled.sql'),
      'create or replace view probe_doubled as select probe_double(21) as doubled;\n',
    );
    edit(dir, 'order.txt', (t) => `${t}functions/probe_double.sql\nviews/probe_doubled.sql\n`);
    expect((await runMigrations(db.url, { definitionsFolder: dir })).applied).toEqual([
      'functions/probe_double.sql',
      'views/probe_doubled.sql',
    ]);

    edit(dir, 'functions/probe_double.sql', (t) => t.replace('(x int)', '(x bigint)'));
    expect(await runMigrations(db.url, { definitionsFolder: dir })).toEqual({
      applied: ['functions/probe_double.sql', 'views/probe_doubled.sql'],
      dropped: ['public.probe_double(integer)'],
    });
    const functions = await db.sql`select pg_get_function_identity_arguments(oid) as args
      from pg_proc where proname = 'probe_double'`;
    expect(functions).toEqual([{ args: 'x bigint' }]);
    expect(await db.sql`select doubled from probe_doubled`).toEqual([{ doubled: 42 }]);

    rmSync(path.join(dir, 'functions/probe_double.sql'));
    rmSync(path.join(dir, 'views/probe_doubled.sql'));
    edit(dir, 'order.txt', (t) =>
      t.replace('functions/probe_double.sql\nviews/probe_doubled.sql\n', ''),
    );
    const report = await runMigrations(db.url, { definitionsFolder: dir });
    expect(report.dropped.sort()).toEqual(['public.probe_double(bigint)', 'public.probe_doubled']);
    const left = await db.sql`
      select (select count(*) from pg_proc where proname = 'probe_double')::int as functions,
        to_regclass('probe_doubled') as view,
        (select count(*) from drizzle.sql_definitions where name like 'probe%')::int as records`;
    expect(left).toEqual([{ functions: 0, view: null, records: 0 }]);
  });

  it('a change that would drop what a materialized view reads fails whole, naming it', async () => {
    const db = await migratedDb();
    const before = await db.state();
    const dir = copyOfDefinitions();
    edit(dir, 'views/growth_fan_joins.sql', (t) =>
      t.replace('select p.fan_id,', 'select p.fan_id as fan, p.fan_id,'),
    );
    edit(dir, 'functions/lifecycle_decide.sql', (t) => t.replace('SELECT\n', 'SELECT \n'));

    await expect(runMigrations(db.url, { definitionsFolder: dir })).rejects.toThrow(
      /growth_fan_joins.*materialized view public\.growth_cohort_weeks/s,
    );
    expect(await db.state()).toEqual(before);
    const [decide] = await db.sql`select prosrc from pg_proc where proname = 'lifecycle_decide'`;
    expect(decide!.prosrc).not.toContain('SELECT \n');
  });

  it('a database migrated before db/sql existed gets its records, its objects unchanged', async () => {
    const db = await migratedDb();
    const definitions = () => db.sql`
      select p.oid::text, pg_get_functiondef(p.oid) from pg_proc p
      where p.pronamespace = 'public'::regnamespace
      union all
      select c.oid::text, pg_get_viewdef(c.oid) from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('v', 'm')
      order by 1`;
    const before = await definitions();
    await db.sql`drop table drizzle.sql_definitions`;

    expect((await runMigrations(db.url)).applied).toHaveLength(13);
    expect(await definitions()).toEqual(before);
    expect(Object.keys(await db.state())).toHaveLength(13);
  });

  it('concurrent starts apply a change once, one after the other', async () => {
    const db = await migratedDb();
    const dir = copyOfDefinitions();
    edit(dir, 'functions/growth_stage_rank.sql', (t) => t.replace(rankBody, `${rankBody} + 0`));
    edit(dir, 'views/growth_fan_joins.sql', (t) => t.replace('p.fan_id,', 'p.fan_id, '));

    const reports = await Promise.all(
      [1, 2, 3].map(() => runMigrations(db.url, { definitionsFolder: dir })),
    );
    expect(reports.flatMap((r) => r.applied).sort()).toEqual([
      'functions/growth_stage_rank.sql',
      'views/growth_fan_joins.sql',
    ]);
  });
});
