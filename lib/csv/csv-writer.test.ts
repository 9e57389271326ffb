import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvStream, csvText, neutralizeFormula } from './csv-writer';

describe('CSV writer', () => {
  it('writes text a spreadsheet would run as a formula as text (OWASP: leading apostrophe)', () => {
    for (const formula of [
      '=HYPERLINK("http://x","y")',
      '+1+cmd|" /C calc"!A0',
      '-2+3',
      '@SUM(A1)',
      '\t=1+1',
      '\r=1+1',
    ])
      expect(neutralizeFormula(formula)).toBe(`'${formula}`);
    for (const plain of ['Anna', "O'Brien", 'a=b', '', '-5', '12.50', '+7'])
      expect(neutralizeFormula(plain)).toBe(plain);
  });

  it('keeps numbers, booleans and dates as data, and quotes what needs quoting', () => {
    const text = csvText(
      ['name', 'spend', 'vip', 'at'],
      [
        ['=1+1', -3.5, true, new Date('2026-05-03T10:00:00Z')],
        ['a, "b"', 0, false, null],
      ],
    );
    expect(text).toBe(
      'name,spend,vip,at\n\'=1+1,-3.5,true,2026-05-03T10:00:00.000Z\n"a, ""b""",0,false,\n',
    );
    expect(parse(text, { columns: true })).toHaveLength(2);
    expect(csvText(['x'], [['=1']], { header: false })).toBe("'=1\n");
  });

  it('streams the same way, rows as arrays or objects', async () => {
    const csv = csvStream(['name', 'n']);
    const chunks: string[] = [];
    csv.on('data', (c: Buffer) => chunks.push(c.toString()));
    const done = new Promise((resolve) => csv.on('end', resolve));
    csv.write(['@x', 1]);
    csv.write({ name: '+y', n: 2 });
    csv.end();
    await done;
    expect(chunks.join('')).toBe("name,n\n'@x,1\n'+y,2\n");
  });
});
