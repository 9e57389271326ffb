import { OrdersCsvError } from './orders-csv-error';
import type { FieldIssue } from '../api/errors';

// The purchase CSV's header (DESIGN §5b). Its seven columns may come in any order; each
// must be there once, and a column the import does not read refuses the file: a misspelt
// `telegram_id` or an extra `discount` ignored quietly would lose what the shop meant.

export const orderCsvColumns = [
  'order_id',
  'customer_id',
  'telegram_user_id',
  'amount',
  'currency',
  'occurred_at',
  'status',
] as const;

export type OrderCsvColumn = (typeof orderCsvColumns)[number];

/** Where each column is in a row. */
export type ColumnPositions = Readonly<Record<OrderCsvColumn, number>>;

const known = new Set<string>(orderCsvColumns);
/** A name as shown: a header that is not one may hold anything, of any length. */
const shown = (name: string) => (name.length > 40 ? `${name.slice(0, 40)}…` : name);
const listed = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');

/** The header's columns, by name; refuses (naming what is missing, unknown or repeated) otherwise. */
export function columnPositions(header: readonly string[], name: string): ColumnPositions {
  // Names are compared trimmed and lower-cased: "Order_ID " is order_id.
  const names = header.map((cell) => cell.trim().toLowerCase());
  const missing = orderCsvColumns.filter((c) => !names.includes(c));
  const unknown = [...new Set(names.filter((n) => !known.has(n)).map(shown))].slice(0, 20);
  const repeated = [...new Set(names.filter((n, i) => known.has(n) && names.indexOf(n) !== i))];
  if (missing.length + unknown.length + repeated.length === 0)
    return Object.fromEntries(orderCsvColumns.map((c) => [c, names.indexOf(c)])) as ColumnPositions;
  const problems: string[] = [];
  const fields: FieldIssue[] = [];
  if (missing.length > 0) {
    problems.push(`missing ${missing.length === 1 ? 'column' : 'columns'} ${listed(missing)}`);
    fields.push({
      path: 'header',
      code: 'missing_columns',
      message: 'missing',
      values: missing,
    });
  }
  if (unknown.length > 0) {
    problems.push(`unknown ${unknown.length === 1 ? 'column' : 'columns'} ${listed(unknown)}`);
    fields.push({ path: 'header', code: 'unknown_columns', message: 'unknown', values: unknown });
  }
  if (repeated.length > 0) {
    problems.push(`${listed(repeated)} more than once`);
    fields.push({
      path: 'header',
      code: 'repeated_columns',
      message: 'repeated',
      values: repeated,
    });
  }
  const none = names.every((n) => !known.has(n));
  throw new OrdersCsvError(
    `${name}: ${none ? 'neither a Telegram Desktop export (JSON) nor a purchase CSV' : 'not imported'}: ` +
      `line 1 (the header): ${problems.join('; ')}. The header is ${orderCsvColumns.join(',')}` +
      ` (in any order, no other columns)`,
    fields,
  );
}
