import { stringify, type Options, type Stringifier } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

// The one CSV writer of every download and CLI export. A spreadsheet runs a cell that starts
// with = + - @ (or a tab or carriage return before one) as a formula, so a fan who names
// themself `=HYPERLINK(…)` would run code on the exporter's machine: such text is written
// with a leading apostrophe, which spreadsheets read as "this is text" (OWASP, CSV injection).
// Numbers stay numbers (also as text, e.g. Postgres's numeric "-3.5"): data, not a formula.

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[+-]?\d+(\.\d+)?$/;

/** Text as a spreadsheet shows it, never run as a formula. */
export function neutralizeFormula(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

export type CsvCell = string | number | boolean | Date | null | undefined;

const options = (columns: readonly string[], header = true): Options => ({
  header,
  columns: [...columns],
  cast: {
    string: (value) => neutralizeFormula(value),
    boolean: (value) => String(value),
    date: (value) => value.toISOString(),
  },
});

/** A CSV stream with a header row: write rows (arrays in column order, or objects by column). */
export function csvStream(columns: readonly string[]): Stringifier {
  return stringify(options(columns));
}

/** Rows as CSV text, the header first unless `header` is false (a later chunk of a stream). */
export function csvText(
  columns: readonly string[],
  rows: readonly (readonly CsvCell[] | Record<string, CsvCell>)[],
  { header = true }: { header?: boolean } = {},
): string {
  return stringifySync(rows as never[], options(columns, header));
}
