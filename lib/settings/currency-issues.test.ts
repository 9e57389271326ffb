import { describe, expect, it } from 'vitest';
import { fieldIssuesOf } from '../api/errors';
import { baseCurrencyChange, rateForm } from '../revenue/currency-schemas';
import { parseRatesCsv } from '../revenue/rates-csv';
import { RevenueError } from '../revenue/errors';
import { csvProblems, formProblems } from './currency-issues';

// Read from the issues the real schemas and the real rates file parser give, so a change
// in their codes shows here.

const formIssues = (input: unknown) => {
  const parsed = rateForm.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return fieldIssuesOf(parsed.error, 'body');
};

const fileIssues = (text: string) => {
  try {
    parseRatesCsv(text);
  } catch (error) {
    if (error instanceof RevenueError) return error.fields;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('the rate form’s problems', () => {
  it('names each field that is missing', () => {
    expect(formProblems(formIssues({}))).toEqual({
      currency: 'currency_code',
      from: 'day',
      rate: 'number',
    });
  });

  it('tells a bad code, a bad day, a rate at or below zero and one too large', () => {
    expect(
      formProblems(formIssues({ currency: 'US', from: '2026-13-01', to: 'x', rate: '-1' })),
    ).toEqual({ currency: 'currency_code', from: 'day', to: 'day', rate: 'positive' });
    expect(formProblems(formIssues({ currency: 'USD', from: '2026-01-01', rate: '2e9' }))).toEqual({
      rate: 'too_big',
    });
    expect(formProblems(formIssues({ currency: 'USD', from: '2026-01-01', rate: 'abc' }))).toEqual({
      rate: 'number',
    });
  });

  it('reads a range ending before it starts, or longer than a year, as one problem of `to`', () => {
    expect(
      formProblems(formIssues({ currency: 'USD', from: '2026-01-05', to: '2026-01-01', rate: 7 })),
    ).toEqual({ to: 'to_range' });
    expect(
      formProblems(formIssues({ currency: 'USD', from: '2025-01-05', to: '2026-03-01', rate: 7 })),
    ).toEqual({ to: 'to_range' });
  });

  it('puts a rate asked for the base currency on the currency field', () => {
    expect(
      formProblems([
        { path: 'rates.0.currency', code: 'base_currency', message: 'is the base currency' },
      ]),
    ).toEqual({ currency: 'base_currency' });
  });

  it('reads the base currency form too', () => {
    const parsed = baseCurrencyChange.safeParse({ currency: 'euro' });
    expect(parsed.success).toBe(false);
    expect(formProblems(fieldIssuesOf(parsed.error!, 'body'))).toEqual({
      currency: 'currency_code',
    });
  });

  it('keeps the first problem of a field and ignores fields it does not know', () => {
    expect(
      formProblems([
        { path: 'body.rate', code: 'too_small', message: '' },
        { path: 'body.rate', code: 'too_big', message: '' },
        { path: 'body.colour', code: 'unrecognized_keys', message: '' },
      ]),
    ).toEqual({ rate: 'positive' });
  });
});

describe('a rates file’s problems', () => {
  it('names each bad line with its column and what is wrong', () => {
    const issues = fileIssues(
      'currency,day,rate\nUSD,2026-01-01,7.1\nEUR,2026-02-30,x\nGB,2026-01-01,1,2\nusd,2026-01-02,0\n',
    );
    expect(csvProblems(issues)).toEqual([
      { line: 3, column: 'day', problem: 'day' },
      { line: 3, column: 'rate', problem: 'number' },
      { line: 4, column: null, problem: 'columns' },
      { line: 5, column: 'rate', problem: 'positive' },
    ]);
  });

  it('names the header', () => {
    expect(csvProblems(fileIssues('code,date,value\nUSD,2026-01-01,7\n'))).toEqual([
      { line: 1, column: null, problem: 'header' },
    ]);
  });

  it('puts a rate for the base currency on its line', () => {
    expect(
      csvProblems([
        { path: 'rates.2.currency', code: 'base_currency', message: 'is the base currency' },
      ]),
    ).toEqual([{ line: 4, column: 'currency', problem: 'base_currency' }]);
  });

  it('keeps an issue it cannot place', () => {
    expect(csvProblems([{ path: '', code: 'custom', message: 'odd' }])).toEqual([
      { line: null, column: null, problem: 'other' },
    ]);
  });
});
