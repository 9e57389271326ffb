import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { definitionsFolder, readDefinitions } from './read-definitions';

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sql-definitions-read-'));
  folders.push(dir);
  cpSync(definitionsFolder, dir, { recursive: true });
  return dir;
}

describe('readDefinitions', () => {
  it("reads db/sql in order.txt's order, functions before the views over them", () => {
    const files = readDefinitions().map((d) => d.file);
    expect(files.indexOf('functions/lifecycle_stages.sql')).toBeLessThan(
      files.indexOf('views/fan_current_stages.sql'),
    );
    expect(files.indexOf('functions/lifecycle_decide.sql')).toBeLessThan(
      files.indexOf('functions/lifecycle_stages.sql'),
    );
  });

  it('refuses a file that order.txt does not list, naming it', () => {
    const dir = copy();
    writeFileSync(
      path.join(dir, 'functions/stray.sql'),
      'create or replace function stray() returns int language sql as $$ select 1 $$;\n',
    );
    expect(() => readDefinitions(dir)).toThrow(/functions\/stray\.sql is not listed in order\.txt/);
  });

  it('refuses an order.txt line whose file is gone', () => {
    const dir = copy();
    rmSync(path.join(dir, 'views/growth_fan_joins.sql'));
    expect(() => readDefinitions(dir)).toThrow(
      /lists views\/growth_fan_joins\.sql, which does not exist/,
    );
  });

  it('refuses a file whose CREATE OR REPLACE is not of its own name and kind', () => {
    const dir = copy();
    renameSync(path.join(dir, 'views/growth_fan_joins.sql'), path.join(dir, 'views/fan_joins.sql'));
    writeFileSync(path.join(dir, 'order.txt'), 'views/fan_joins.sql\n');
    rmSync(path.join(dir, 'functions'), { recursive: true });
    rmSync(path.join(dir, 'views/fan_current_stages.sql'));
    expect(() => readDefinitions(dir)).toThrow(
      /views\/fan_joins\.sql must hold CREATE OR REPLACE view fan_joins/,
    );
  });

  it('refuses a plain CREATE, which would fail on a database that has the object', () => {
    const dir = copy();
    writeFileSync(
      path.join(dir, 'functions/growth_stage_rank.sql'),
      'create function growth_stage_rank(s lifecycle_stage) returns int\n' +
        'language sql immutable as $$ select 1 $$;\n',
    );
    expect(() => readDefinitions(dir)).toThrow(
      /growth_stage_rank\.sql must hold CREATE OR REPLACE/,
    );
  });
});
