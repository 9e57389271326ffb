import type { FieldIssue } from '../api/errors';

// What the currency routes refused, read from their field issues (never by checking the
// value again), so the Settings page can say it in the reader's language. Pure.

/** A field of the rate form or the base currency form (`day`: a rates file's column). */
export type CurrencyField = 'currency' | 'from' | 'to' | 'rate' | 'day';

export type CurrencyProblem =
  /** Not a 3-letter code (or missing). */
  | 'currency_code'
  /** Not a day as YYYY-MM-DD (or missing). */
  | 'day'
  /** `to` before `from`, or more than a year after it. */
  | 'to_range'
  /** Not a number (or missing). */
  | 'number'
  /** Zero or below. */
  | 'positive'
  /** A billion or more. */
  | 'too_big'
  /** The base currency needs no rate. */
  | 'base_currency'
  /** A rates file's row without exactly 3 columns. */
  | 'columns'
  /** A rates file whose first line is not `currency,day,rate`. */
  | 'header'
  | 'other';

const fieldNames: readonly CurrencyField[] = ['currency', 'from', 'to', 'rate', 'day'];
const isField = (name: string | undefined): name is CurrencyField =>
  (fieldNames as readonly (string | undefined)[]).includes(name);

/** The problem with one field, from the issue's code (and, for a few, which field it is). */
export function currencyProblemOf(field: CurrencyField, issue: FieldIssue): CurrencyProblem {
  if (issue.code === 'base_currency') return 'base_currency';
  if (issue.code === 'columns') return 'columns';
  if (issue.code === 'header') return 'header';
  switch (field) {
    case 'currency':
      return ['invalid_format', 'invalid_type', 'too_small', 'too_big'].includes(issue.code)
        ? 'currency_code'
        : 'other';
    case 'from':
    case 'day':
      return ['invalid_format', 'invalid_type'].includes(issue.code) ? 'day' : 'other';
    case 'to':
      if (issue.code === 'custom') return 'to_range';
      return ['invalid_format', 'invalid_type'].includes(issue.code) ? 'day' : 'other';
    case 'rate':
      if (issue.code === 'invalid_type') return 'number';
      if (issue.code === 'too_small') return 'positive';
      if (issue.code === 'too_big') return 'too_big';
      return 'other';
  }
}

/**
 * The first problem of each field of a form (`body.rate`, or `rates.0.currency` when a
 * rate was asked for the base currency), keyed by the field's name.
 */
export function formProblems(
  fields: FieldIssue[],
): Partial<Record<CurrencyField, CurrencyProblem>> {
  const out: Partial<Record<CurrencyField, CurrencyProblem>> = {};
  for (const issue of fields) {
    const name = issue.path.split('.').at(-1);
    if (isField(name) && out[name] === undefined) out[name] = currencyProblemOf(name, issue);
  }
  return out;
}

export interface CsvProblem {
  /** The file's line (1 is the header); null when the server named none. */
  line: number | null;
  column: 'currency' | 'day' | 'rate' | null;
  problem: CurrencyProblem;
}

/**
 * A refused rates file's problems, each on its line: `line 3: rate` and `line 4` as the
 * parser names them, and `rates.<n>.currency` (a rate for the base currency), which is the
 * n-th row after the header: a file reaches that check only when every row was good.
 */
export function csvProblems(fields: FieldIssue[]): CsvProblem[] {
  return fields.map((issue) => {
    const onLine = /^line (\d+)(?::\s*(\w+))?$/.exec(issue.path.trim());
    const ofRate = /^rates\.(\d+)\.(\w+)$/.exec(issue.path.trim());
    const line = onLine ? Number(onLine[1]) : ofRate ? Number(ofRate[1]) + 2 : null;
    const name = onLine?.[2] ?? ofRate?.[2];
    const column = name === 'currency' || name === 'day' || name === 'rate' ? name : null;
    const problem: CurrencyProblem = column
      ? currencyProblemOf(column, issue)
      : issue.code === 'columns' || issue.code === 'header'
        ? issue.code
        : 'other';
    return { line, column, problem };
  });
}
