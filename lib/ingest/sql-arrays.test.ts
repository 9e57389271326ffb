import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { useTestDb } from '../../db/testing/test-db';
import { column, inline, textArray } from './sql-arrays';

describe('inline constants', () => {
  let db: Database;
  beforeAll(async () => {
    db = (await useTestDb()).db;
  });

  // Texts that end a naive $v$ constant early, or would with a fixed longer tag.
  const awkward = [
    '',
    'plain',
    '$v$',
    'ends in $v',
    'x$',
    '$',
    '$$',
    "it's",
    'a\\b',
    '$vv$ and $v$',
    '$v$$vv$$vvv$ then $vvvv',
    '多语言 🙂',
  ];

  it('reads back every text exactly as written', async () => {
    for (const text of awkward) {
      const [row] = await db.execute<{ v: string }>(sql`select ${inline(text, 'text')} as v`);
      expect(row?.v).toBe(text);
    }
  });

  it('reads back a text array of them in order', async () => {
    const rows = await db.execute<{ v: string }>(
      sql`select v from unnest(${column(textArray(awkward), 'text')}) with ordinality as r(v, n) order by n`,
    );
    expect(rows.map((r) => r.v)).toEqual(awkward);
  });

  it('refuses a type that is not a plain type name, and a NUL, which would end the statement', () => {
    expect(() => inline('1', 'int; drop table fans')).toThrow(/not a type name/);
    expect(() => inline('a\0b', 'text')).toThrow(/NUL/);
  });
});
