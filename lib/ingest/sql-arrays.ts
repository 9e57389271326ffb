import { sql, type SQL } from 'drizzle-orm';

// The big per-batch inputs (events, memberships, purchases, fans) travel column by column
// as Postgres array literals, one text constant per column, and come back as rows with
// unnest. Measured on 5,000-event batches, building and reading them costs about 1.5 µs an
// event less than one jsonb document of row objects: jsonb's parse of the whole document,
// and each nested payload object's re-encoding, cost more than array_in.

const quoted = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;

/** A text[] literal: every element quoted, so any character is safe; null is NULL. */
export function textArray(values: readonly (string | null | undefined)[]): string {
  return `{${values.map((v) => (v == null ? 'NULL' : quoted(v))).join(',')}}`;
}

/** A numeric/bigint[] literal of finite numbers (the facts' schema allows no others). */
export function numberArray(values: readonly (number | null | undefined)[]): string {
  return `{${values.map((v) => (v == null ? 'NULL' : String(v))).join(',')}}`;
}

/**
 * Times as epoch milliseconds, a bigint[] literal: read back with {@link epochTime}. Writing
 * and parsing a number costs a fraction of an ISO string (toISOString, then timestamptz_in:
 * about 1 µs a time on both sides together).
 */
export function timeArray(values: readonly (Date | number | null | undefined)[]): string {
  return numberArray(values.map((v) => (v instanceof Date ? v.getTime() : v)));
}

/**
 * The timestamptz of an epoch-milliseconds bigint, exact over Postgres's whole range: days
 * and milliseconds are added in integer and interval arithmetic (to_timestamp's float
 * loses microseconds beyond the 23rd century).
 */
export function epochTime(ms: SQL): SQL {
  return sql`((date '1970-01-01' + (${ms} / 86400000)::int) + (${ms} % 86400000) * interval '1 ms') at time zone 'UTC'`;
}

/** A boolean[] literal. */
export function booleanArray(values: readonly (boolean | null | undefined)[]): string {
  return `{${values.map((v) => (v == null ? 'NULL' : v ? 't' : 'f')).join(',')}}`;
}

/**
 * A value written into the statement's text as a dollar-quoted constant of `type` rather
 * than sent as a parameter. postgres.js sends a statement that has parameters in two round
 * trips (it describes the statement first, then binds the values once JavaScript has read
 * the description), and the ingest path keeps JavaScript busy preparing the next batch
 * while the server writes this one; without parameters the whole statement goes at once.
 * Dollar quoting takes the text as it is, with no escapes: the tag is only lengthened
 * until the text cannot end the constant early.
 */
export function inline(text: string, type: string): SQL {
  // The protocol ends a statement's text at a NUL; Postgres text cannot hold one anyway.
  if (text.includes('\0')) throw new Error('Postgres text cannot contain a NUL character');
  let tag = '$v$';
  // The server ends the constant at the first tag after the opening one.
  while ((text + tag).indexOf(tag) !== text.length) tag = `${tag.slice(0, -1)}v$`;
  if (!/^[a-z_][a-z0-9_ ]*(\[\])?$/.test(type)) throw new Error(`not a type name: ${type}`);
  return sql.raw(`${tag}${text}${tag}::${type}`);
}

/** A column for unnest: an array literal of `type`, inlined (see {@link inline}). */
export function column(literal: string, type: string): SQL {
  return inline(literal, `${type}[]`);
}

/** Numbers as an inlined array constant of `type` (see {@link inline}). */
export function inlineNumbers(values: readonly (number | null | undefined)[], type: string): SQL {
  for (const v of values)
    if (v != null && !Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
  return column(numberArray(values), type);
}
