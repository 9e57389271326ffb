import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DefinitionKind = 'function' | 'view';

/** One file of db/sql/functions or db/sql/views: a single CREATE OR REPLACE. */
export interface Definition {
  /** Path inside the folder, e.g. `functions/lifecycle_stages.sql`. */
  file: string;
  kind: DefinitionKind;
  /** The object's name in schema public: the file's name without `.sql`. */
  name: string;
  text: string;
  checksum: string;
}

export const definitionsFolder = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'sql',
);

const kinds: Record<string, DefinitionKind> = { functions: 'function', views: 'view' };

export function checksumOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The definitions in the order order.txt declares. A file it does not list, or a line
 * naming no file, is an error: a definition applied in no declared place could run before
 * one it uses.
 */
export function readDefinitions(folder: string = definitionsFolder): Definition[] {
  const orderFile = path.join(folder, 'order.txt');
  if (!existsSync(orderFile)) throw new Error(`SQL definitions: ${orderFile} is missing`);
  const listed = readFileSync(orderFile, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const present = Object.keys(kinds).flatMap((dir) =>
    existsSync(path.join(folder, dir))
      ? readdirSync(path.join(folder, dir)).map((file) => `${dir}/${file}`)
      : [],
  );
  const problems = [
    ...listed
      .filter((file, i) => listed.indexOf(file) !== i)
      .map((file) => `${file} is listed twice in order.txt`),
    ...listed
      .filter((file) => !present.includes(file))
      .map((file) => `order.txt lists ${file}, which does not exist`),
    ...present
      .filter((file) => !listed.includes(file))
      .map((file) => `${file} is not listed in order.txt`),
  ];
  if (problems.length) throw new Error(`SQL definitions in ${folder}: ${problems.join('; ')}`);
  return listed.map((file) => toDefinition(folder, file));
}

function toDefinition(folder: string, file: string): Definition {
  const [dir = '', base = ''] = file.split('/');
  const kind = kinds[dir];
  const name = base.replace(/\.sql$/, '');
  if (!kind || !base.endsWith('.sql') || !/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(
      `SQL definitions: ${file} must be functions/<name>.sql or views/<name>.sql, ` +
        'with <name> in lower case letters, digits and underscores',
    );
  const text = readFileSync(path.join(folder, file), 'utf8');
  // The file's name is the object's name, so a rename is a removal and an addition.
  const head = new RegExp(
    `^\\s*create\\s+or\\s+replace\\s+${kind}\\s+(public\\.)?${name}\\b`,
    'im',
  );
  if (!head.test(text))
    throw new Error(`SQL definitions: ${file} must hold CREATE OR REPLACE ${kind} ${name}`);
  return { file, kind, name, text, checksum: checksumOf(text) };
}
