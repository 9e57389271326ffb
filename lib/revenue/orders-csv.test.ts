import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFileKind, importKindOf } from './import-file-kind';
import { orderOfRow } from './order-row';
import { csvRows, MAX_ROW_BYTES } from './orders-csv';
import { OrdersCsvError } from './orders-csv-error';
import { columnPositions, orderCsvColumns } from './orders-csv-header';

const scratch = mkdtempSync(path.join(tmpdir(), 'orders-csv-'));
let files = 0;
function csvFile(text: string | Buffer): string {
  const file = path.join(scratch, `${++files}.csv`);
  writeFileSync(file, text);
  return file;
}

async function rowsOf(text: string) {
  const rows = [];
  for await (const row of csvRows(csvFile(text), 'orders.csv')) rows.push(row);
  return rows;
}

async function refusal(run: () => unknown): Promise<OrdersCsvError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(OrdersCsvError);
    return error as OrdersCsvError;
  }
  throw new Error('not refused');
}

describe('the purchase CSV header', () => {
  it('takes the seven columns in any order, names trimmed and in any case', () => {
    const header = [' Status', 'amount', 'ORDER_ID', 'occurred_at', 'currency', 'customer_id'];
    expect(columnPositions([...header, 'telegram_user_id'], 'x.csv')).toEqual({
      status: 0,
      amount: 1,
      order_id: 2,
      occurred_at: 3,
      currency: 4,
      customer_id: 5,
      telegram_user_id: 6,
    });
  });

  it('refuses a header with missing, unknown or repeated columns, naming each', async () => {
    const error = await refusal(() =>
      columnPositions(
        [
          'order_id',
          'customer',
          'telegram_id',
          'amount',
          'currency',
          'occurred_at',
          'status',
          'amount',
        ],
        'x.csv',
      ),
    );
    expect(error.code).toBe('invalid_csv');
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      'x.csv: not imported: line 1 (the header): missing columns "customer_id", "telegram_user_id"; ' +
        'unknown columns "customer", "telegram_id"; "amount" more than once. The header is ' +
        'order_id,customer_id,telegram_user_id,amount,currency,occurred_at,status (in any order, no other columns)',
    );
    expect(error.fields).toEqual([
      expect.objectContaining({
        code: 'missing_columns',
        values: ['customer_id', 'telegram_user_id'],
      }),
      expect.objectContaining({ code: 'unknown_columns', values: ['customer', 'telegram_id'] }),
      expect.objectContaining({ code: 'repeated_columns', values: ['amount'] }),
    ]);
  });

  it('an extra column refuses the file, rather than being ignored', async () => {
    const error = await refusal(() => columnPositions([...orderCsvColumns, 'discount'], 'x.csv'));
    expect(error.message).toContain('unknown column "discount"');
  });

  it('shows a long unknown name cut short', async () => {
    const error = await refusal(() =>
      columnPositions([...orderCsvColumns, 'x'.repeat(5000)], 'x.csv'),
    );
    expect(error.message).toContain(`unknown column "${'x'.repeat(40)}…"`);
    expect(error.message.length).toBeLessThan(300);
  });

  it('says when the file is neither kind', async () => {
    const error = await refusal(() => columnPositions(['hello world'], 'notes.txt'));
    expect(error.message).toMatch(
      /^notes\.txt: neither a Telegram Desktop export \(JSON\) nor a purchase CSV: /,
    );
  });
});

describe('reading rows', () => {
  it('numbers rows by the line they start on: BOM, CRLF, blank lines, values over lines', async () => {
    const text = '\ufeffa,b\r\n1,2\r\n\r\n"x\r\ny",3\r\n4\r\n5,"6"""\r\n';
    expect(await rowsOf(text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 4, cells: ['x\r\ny', '3'] },
      { line: 6, cells: ['4'] },
      { line: 7, cells: ['5', '6"'] },
    ]);
  });

  it('reads a file in chunks however its multi-byte characters fall', async () => {
    const name = '顾客'.repeat(5_000);
    const rows = await rowsOf(`a,b\n${`${name},1\n`.repeat(10)}`);
    expect(rows).toHaveLength(11);
    expect(rows[10]).toEqual({ line: 11, cells: [name, '1'] });
  });

  it.each([
    ['a quote never closed', 'a,b\n1,2\n"3,4\n5,6\n', 3, /never closed/],
    [
      'a quote inside an unquoted value',
      'a,b\n1,2\n3,x"y\n5,6\n',
      3,
      /a quote inside an unquoted value/,
    ],
    ['text after a closing quote', 'a,b\n1,2\n3,"x"y\n5,6\n', 3, /followed by other text/],
  ])('refuses the file at %s, by its line', async (_, text, line, reason) => {
    const error = await refusal(() => rowsOf(text));
    expect(error.message).toMatch(new RegExp(`^orders\\.csv: not imported: line ${line}: `));
    expect(error.message).toMatch(reason);
  });

  it('refuses a row longer than the limit (memory stays bounded)', async () => {
    const error = await refusal(() => rowsOf(`a,b\n1,${'x'.repeat(MAX_ROW_BYTES + 1)}\n`));
    expect(error.message).toMatch(/line 2: a row longer than 64 KB/);
  });

  it('names a missing file', async () => {
    const error = await refusal(async () => {
      for await (const row of csvRows(path.join(scratch, 'none.csv'), 'orders.csv')) void row;
    });
    expect(error.message).toBe('orders.csv: no such file');
  });
});

describe('a row as an order', () => {
  const at = columnPositions([...orderCsvColumns], 'x.csv');
  const row = (patch: Partial<Record<(typeof orderCsvColumns)[number], string>> = {}) => {
    const values = {
      order_id: 'A-1',
      customer_id: 'c-1',
      telegram_user_id: '',
      amount: '19.9',
      currency: 'USD',
      occurred_at: '2026-01-05T10:00:00+08:00',
      status: '',
      ...patch,
    };
    return orderOfRow(
      orderCsvColumns.map((c) => values[c]),
      at,
      7,
    );
  };

  it('maps the columns to the order the webhook takes, and its fact', () => {
    expect(row()).toEqual({
      fact: {
        kind: 'purchase',
        sourceKey: 'shop:order:A-1:paid',
        orderId: 'A-1',
        customer: 'c-1',
        fan: null,
        status: 'paid',
        amount: 19.9,
        currency: 'USD',
        at: '2026-01-05T10:00:00+08:00',
      },
      key: 'shop:order:A-1:paid',
      customer: 'c-1',
      status: 'paid',
      currency: 'USD',
      cents: 1990,
    });
    expect(row({ status: 'refunded', telegram_user_id: '42', amount: '5' })).toMatchObject({
      fact: { fan: 42, status: 'refunded', sourceKey: 'shop:order:A-1:refunded' },
      cents: -500,
    });
  });

  it.each([
    [{ amount: '12.3x' }, 'amount', 'format', /decimal string/],
    [{ amount: '1.234' }, 'amount', 'format', /at most 2 decimals/],
    [{ amount: '' }, 'amount', 'empty', /must not be empty/],
    [{ currency: 'usd' }, 'currency', 'format', /ISO 4217/],
    [{ occurred_at: '2026-01-05 10:00' }, 'occurred_at', 'format', /ISO 8601/],
    [{ occurred_at: '2026-02-30T10:00:00Z' }, 'occurred_at', 'format', /ISO 8601/],
    [{ customer_id: '' }, 'customer_id', 'empty', /must not be empty/],
    [{ order_id: 'x'.repeat(129) }, 'order_id', 'too_long', /128/],
    [{ order_id: '订'.repeat(40) }, 'order_id', 'format', /270 bytes URI-encoded/],
    [{ telegram_user_id: '-5' }, 'telegram_user_id', 'format', /Telegram user id/],
    [{ status: 'cancelled' }, 'status', 'format', /must be paid or refunded/],
    [{ customer_id: 'a\u0000b' }, 'customer_id', 'nul', /NUL/],
  ])('%j: its column and why', (patch, column, code, reason) => {
    const problem = row(patch);
    expect(problem).toMatchObject({ column, code });
    expect((problem as { reason: string }).reason).toMatch(reason);
  });

  it('a row with too few or too many values', () => {
    expect(orderOfRow(['A', 'b'], at, 7)).toEqual({
      column: null,
      code: 'column_count',
      reason: 'has 2 values, the header 7',
    });
  });
});

describe('the kind of an import file', () => {
  it.each([
    ['{"name": "G"}', 'telegram_export'],
    ['\ufeff  \n{"name": "G"}', 'telegram_export'],
    ['', 'telegram_export'],
    ['[1]', 'telegram_export'],
    ['order_id,customer_id\n', 'purchase_csv'],
    ['\ufeffstatus,amount\n', 'purchase_csv'],
    ['hello', 'purchase_csv'],
  ])('%j is a %s', (start, kind) => expect(importKindOf(start)).toBe(kind));

  it('reads it from the file, whatever its name', async () => {
    expect(await importFileKind(csvFile('order_id,customer_id\n'))).toBe('purchase_csv');
    const json = path.join(scratch, 'orders.csv.json');
    writeFileSync(json, '{"messages": []}');
    expect(await importFileKind(json)).toBe('telegram_export');
  });
});
