import postgres from 'postgres';
import {
  dependantsOf,
  dropObjects,
  objectsNamed,
  publicObjects,
  type CatalogObject,
} from './catalog';
import type { Definition } from './read-definitions';
import { deleteRecord, deparsedMd5s, readRecords, writeRecord } from './records';

type Sql = postgres.TransactionSql;

export interface DefinitionsReport {
  /** Files applied, in order. */
  applied: string[];
  /** Objects dropped: removed files, and those whose signature or columns changed. */
  dropped: string[];
}

const key = (d: { kind: string; name: string }) => `${d.kind} ${d.name}`;
const names = (objects: CatalogObject[]) =>
  objects.map((o) => `${o.kind} ${o.identity}`).join(', ');

/**
 * Brings the functions and views of schema public to the files, in one transaction: a file
 * whose checksum differs from the one recorded, or whose object is missing or no longer
 * what was applied, is applied; a recorded one whose file is gone is dropped. A replace
 * that Postgres refuses (a changed return type or view columns) or that would add an
 * overload (changed argument types) becomes a drop and create; what the drop cascades to
 * must itself be a definition here, and everything after it in the order is applied again,
 * which also re-checks SQL bodies that call it (Postgres does not track those).
 */
export async function applyDefinitions(
  sql: postgres.Sql,
  definitions: Definition[],
): Promise<DefinitionsReport> {
  return sql.begin(async (tx) => {
    const recorded = await readRecords(tx);
    const deparsed = await deparsedMd5s(tx);
    const report: DefinitionsReport = { applied: [], dropped: [] };
    const pending = new Set<number>();
    definitions.forEach((d, i) => {
      const record = recorded.find((r) => key(r) === key(d));
      if (record?.checksum !== d.checksum || record.deparsedMd5 !== deparsed.get(key(d)))
        pending.add(i);
    });

    const removed = recorded.filter((r) => !definitions.some((d) => key(d) === key(r)));
    if (removed.length) {
      const objects = (
        await Promise.all(removed.map((r) => objectsNamed(tx, r.kind, r.name)))
      ).flat();
      await dropWithDependants(tx, objects, definitions, 'a removed definition');
      report.dropped.push(...objects.map((o) => o.identity));
      for (const r of removed) await deleteRecord(tx, r);
      definitions.forEach((_, i) => pending.add(i));
    }

    for (const [i, definition] of definitions.entries()) {
      if (!pending.has(i)) continue;
      const dropped = await applyOne(tx, definition, definitions);
      if (dropped) {
        report.dropped.push(...dropped.objects.map((o) => o.identity));
        for (const dependant of dropped.dependants) {
          const at = definitions.findIndex((d) => key(d) === key(dependant));
          if (at < i)
            throw new Error(
              `SQL definitions: order.txt lists ${definitions[at]?.file} before ` +
                `${definition.file}, which it depends on`,
            );
        }
        for (let j = i + 1; j < definitions.length; j++) pending.add(j);
      }
      report.applied.push(definition.file);
    }

    const now = await deparsedMd5s(tx);
    for (const definition of definitions.filter((d) => report.applied.includes(d.file)))
      await writeRecord(tx, definition, now.get(key(definition)) ?? '');
    return report;
  });
}

interface Dropped {
  objects: CatalogObject[];
  dependants: CatalogObject[];
}

/** CREATE OR REPLACE; or, where Postgres cannot replace it, drop and create. */
async function applyOne(
  tx: Sql,
  definition: Definition,
  definitions: Definition[],
): Promise<Dropped | null> {
  const before = await objectsNamed(tx, definition.kind, definition.name);
  if (before.length && (await replaced(tx, definition, before))) return null;
  const dependants = before.length
    ? await dropWithDependants(tx, before, definitions, definition.file)
    : [];
  const after = await execute(tx, definition);
  if (after.length !== 1)
    throw new Error(`SQL definitions: ${definition.file} left ${after.length} objects of its name`);
  return before.length ? { objects: before, dependants } : null;
}

class SignatureChanged extends Error {}

// Refusals of CREATE OR REPLACE: a function's return type or parameter names
// (invalid_function_definition), a view's columns (invalid_table_definition).
const cannotReplace = new Set(['42P13', '42P16']);

async function replaced(tx: Sql, definition: Definition, before: CatalogObject[]) {
  try {
    await tx.savepoint(async (sp) => {
      const after = await execute(sp, definition);
      // A new oid is an overload: the argument types changed. One function per name.
      if (after.length !== 1 || after.some((o) => !before.some((b) => b.objid === o.objid)))
        throw new SignatureChanged();
    });
    return true;
  } catch (error) {
    if (error instanceof SignatureChanged) return false;
    if (error instanceof postgres.PostgresError && cannotReplace.has(error.code)) return false;
    throw error;
  }
}

/** Runs the file; it must create or replace its own object and nothing else. */
async function execute(tx: Sql, definition: Definition): Promise<CatalogObject[]> {
  const before = await publicObjects(tx);
  try {
    await tx.unsafe(definition.text);
  } catch (error) {
    if (error instanceof Error) error.message = `${definition.file}: ${error.message}`;
    throw error;
  }
  const after = await publicObjects(tx);
  const stray = after.filter(
    (o) =>
      !before.some((b) => b.classid === o.classid && b.objid === o.objid) &&
      key(o) !== key(definition),
  );
  if (stray.length)
    throw new Error(
      `SQL definitions: ${definition.file} must create only ${key(definition)}, ` +
        `not ${stray.map(key).join(', ')}`,
    );
  return after.filter((o) => key(o) === key(definition));
}

/**
 * Drops `objects` and what depends on them, when all of that is definitions the caller
 * will create again; anything else (a materialized view, a default, an index) stops it.
 */
async function dropWithDependants(
  tx: Sql,
  objects: CatalogObject[],
  definitions: Definition[],
  what: string,
): Promise<CatalogObject[]> {
  if (!objects.length) return [];
  const dependants = await dependantsOf(tx, objects);
  const others = dependants.filter(
    (o) => !o.inPublic || !definitions.some((d) => key(d) === key(o)),
  );
  if (others.length)
    throw new Error(
      `SQL definitions: ${what}: dropping ${names(objects)} would also drop ${names(others)}, ` +
        'which db/sql does not create again. Make this change in a migration that drops ' +
        'those, replaces the definition and creates them again (README, "SQL functions and views").',
    );
  await dropObjects(tx, objects);
  return dependants;
}
