import { z } from 'zod';

// The input schemas every route reuses: ids, dates, times, names and free text. Pure, so the
// browser and the CLIs check the same way. Each refusal carries a code (FieldIssue.code).

/** Control characters (C0, DEL, C1) and lone UTF-16 surrogates: Postgres or a CSV reader trips on them. */
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;
const controlExceptLayout = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What a shared schema reads, as metadata: the generated bad-input test
 * (app/api/bad-input.test.ts) picks its bad values by it.
 */
export type InputKind = 'id' | 'whole' | 'date' | 'time' | 'name' | 'note' | 'search' | 'zone';
const kind = <S extends z.ZodType>(schema: S, k: InputKind): S => schema.meta({ inputKind: k });

const refuse = (ctx: z.RefinementCtx, code: string, message: string) =>
  ctx.addIssue({ code: 'custom', message, params: { code } });

/** A whole number ≥ 1 that fits a bigint id, from a path segment or query value. */
export const idSchema = kind(
  z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive whole number')
    .transform(Number)
    .refine(Number.isSafeInteger, 'must be a positive whole number'),
  'id',
);

/** An id kept in a Postgres integer column (e.g. a rule set's version): 1 to 2,147,483,647. */
export const intIdSchema = kind(
  idSchema.pipe(z.number().max(2_147_483_647, 'must be at most 2147483647')),
  'id',
);

/** A whole number in [min, max] from a query string value. */
export const wholeNumberParam = (min: number, max: number) =>
  kind(
    z
      .string()
      .regex(/^-?[0-9]{1,16}$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min).max(max)),
    'whole',
  );

// Postgres has no year 0 (it is 1 BC) and JavaScript dates roll 30 February over to March:
// a calendar date is checked field by field, within years 1–9999.
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date `YYYY-MM-DD` that Postgres stores as it reads. */
export const dateSchema = kind(
  z.string().superRefine((value, ctx) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return refuse(ctx, 'invalid_date', 'must be a date as YYYY-MM-DD');
    if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])))
      refuse(ctx, 'invalid_date', 'must be a real calendar date between 0001-01-01 and 9999-12-31');
  }),
  'date',
);

const isoTime =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,6})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/** True for an ISO 8601 time with zone (`2026-05-03T10:00:00Z`) on a real calendar day. */
export function isIsoTime(value: string): boolean {
  const m = isoTime.exec(value);
  return !!m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** An ISO 8601 time with its zone, on a real calendar day in years 1–9999, as a Date. */
export const timeSchema = kind(
  z
    .string()
    .superRefine((value, ctx) => {
      if (!isIsoTime(value))
        refuse(
          ctx,
          'invalid_time',
          'must be an ISO 8601 time with zone, e.g. 2026-05-03T10:00:00Z',
        );
    })
    .transform((value) => new Date(value)),
  'time',
);

/** Refuses control characters and lone surrogates; `layout` allows tabs and line breaks. */
export function checkText(value: string, ctx: z.RefinementCtx, { layout = false } = {}) {
  if ((layout ? controlExceptLayout : controlCharacter).test(value))
    refuse(ctx, 'control_character', 'must not contain control characters');
  else if (loneSurrogate.test(value))
    refuse(ctx, 'invalid_unicode', 'must not contain broken Unicode (a lone surrogate)');
}

/** A name or label: trimmed, 1–`max` characters, one line, no control characters. */
export const nameSchema = (max: number) =>
  kind(
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(max, `must be at most ${max} characters`)
      .superRefine((v, ctx) => checkText(v, ctx)),
    'name',
  );

/** Free text (a note): up to `max` characters, line breaks allowed, other controls not. */
export const noteSchema = (max: number) =>
  kind(
    z
      .string()
      .max(max, `must be at most ${max} characters`)
      .superRefine((v, ctx) => checkText(v, ctx, { layout: true })),
    'note',
  );

/** A note that must say something: trimmed, then 1 to `max` characters, as noteSchema. */
export const requiredNoteSchema = (max: number) =>
  kind(z.string().trim().min(1, 'must not be empty').pipe(noteSchema(max)), 'note');

/** A query string value that is plain text for a search box: bounded, no control characters. */
export const searchTextSchema = (max: number) =>
  kind(
    z
      .string()
      .max(max, `must be at most ${max} characters`)
      .superRefine((v, ctx) => checkText(v, ctx)),
    'search',
  );

/**
 * An IANA time zone name as typed (`Asia/Shanghai`, `UTC`, `Etc/GMT+8`): its shape only.
 * Whether Postgres knows it is checked against pg_timezone_names (lib/communities/time-zone.ts).
 */
export const timeZoneNameSchema = kind(
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .regex(
      /^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/,
      'must be a time zone name, e.g. Asia/Shanghai',
    ),
  'zone',
);
