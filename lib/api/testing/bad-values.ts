import fc from 'fast-check';
import { z } from 'zod';
import type { InputKind } from '../schemas';

// Values that no route may accept, by what a position reads. Each family is bad for its
// kind whatever the route: a generated request built from them must get a 4xx.

/** Bad in any text position: Postgres or a CSV reader trips on them, or they are unbounded. */
export const badText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00y',
    '\u0085',
    'a\u009fb',
    '\u0007',
    '\u007f',
    '\u001b[31m',
  ),
  fc
    .tuple(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('\u0000', '\ud83d', '\udfff', '\u0090', '\u0001', '\u0008'),
      fc.string({ maxLength: 12 }),
    )
    .map(([a, bad, b]) => `${a}${bad}${b}`),
  fc.constant('x'.repeat(100_000)),
);

// A URL carries UTF-8: a lone surrogate is sent as U+FFFD, a valid character, so URL
// positions get every bad text but those.
const loneSurrogate = /[\ud800-\udfff]/;
const badUrlText = badText.filter((s) => !loneSurrogate.test(s));

const badByKind: Record<InputKind | 'enum' | 'cursor', fc.Arbitrary<string>> = {
  id: fc.constantFrom(
    'abc',
    '1.5',
    '-1',
    '0',
    '1e300',
    '99999999999999999999',
    '0x10',
    ' 1',
    '',
    '١٢',
    'null',
  ),
  whole: fc.constantFrom(
    'abc',
    '1.5',
    '1e300',
    '99999999999999999999',
    '0x10',
    '',
    'NaN',
    'Infinity',
  ),
  date: fc.constantFrom(
    '0000-01-01',
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-1-1',
    '20260101',
    '-2026-01-01',
    '10000-01-01',
    'today',
    '',
  ),
  time: fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-01-01T25:00:00Z',
    '2026-01-01T00:00:00',
    '2026-01-01',
    'yesterday',
    '',
  ),
  name: fc.constantFrom('', '   ', 'x'.repeat(5000)),
  note: fc.constant('x'.repeat(60_000)),
  search: fc.constant('x'.repeat(5000)),
  zone: fc.constantFrom(
    'Mars/Olympus_Mons',
    'Asia/Shanghai2',
    'UTC+99',
    'posix/Asia/Shanghai',
    'localtime',
    'Asia/',
    '../etc/passwd',
    'Asia Shanghai',
    '',
    'x'.repeat(65),
  ),
  enum: fc.constantFrom('nope', 'NOT_A_VALUE', '__proto__', '-1'),
  cursor: fc.oneof(
    fc.constantFrom('garbage', '!!!', 'eyJ9', '', 'e30', 'W10', 'bnVsbA'),
    fc.base64String({ minLength: 1, maxLength: 40 }).filter((s) => !/^[A-Za-z0-9_-]*$/.test(s)),
    fc
      .constantFrom(
        { t: '0000-01-01T00:00:00Z', id: 1 },
        { t: '2026-02-30T00:00:00Z', id: 1 },
        { v: 'not a number', id: 'x' },
        { v: 1e400, id: -1 },
        [1, 2, 3],
      )
      .map((o) => Buffer.from(JSON.stringify(o)).toString('base64url')),
  ),
};

/** The schema inside optional/default/nullable wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const def = (s as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
    if (
      def.innerType &&
      ['optional', 'default', 'nullable', 'prefault', 'catch'].includes(def.type)
    )
      s = def.innerType;
    else return s;
  }
}

/** What a string position reads: the shared schema's kind, an enum, or a cursor by name. */
export function kindOf(schema: z.ZodType, key: string): keyof typeof badByKind | null {
  const inner = unwrap(schema);
  const meta = z.globalRegistry.get(inner) as { inputKind?: InputKind } | undefined;
  if (meta?.inputKind) return meta.inputKind;
  const type = (inner as { _zod: { def: { type: string } } })._zod.def.type;
  if (type === 'enum' || type === 'literal') return 'enum';
  if (/^(after|cursor|before)$/.test(key)) return 'cursor';
  return null;
}

/** Bad strings for a query value, path segment (`inUrl`) or string field read by `schema`. */
export function badStringsFor(
  schema: z.ZodType | undefined,
  key: string,
  { inUrl = false } = {},
): fc.Arbitrary<string> {
  const kind = schema ? kindOf(schema, key) : null;
  const text = inUrl ? badUrlText : badText;
  return kind ? fc.oneof(text, badByKind[kind]) : text;
}

/** The JSON type a body field expects, for values of every other type. */
export function jsonTypeOf(schema: z.ZodType): string {
  const type = (unwrap(schema) as { _zod: { def: { type: string } } })._zod.def.type;
  if (type === 'pipe') {
    const input = (unwrap(schema) as unknown as { _zod: { def: { in: z.ZodType } } })._zod.def.in;
    return jsonTypeOf(input);
  }
  return type;
}

const jsonOfType: Record<string, unknown[]> = {
  string: [42, 1.5, true, null, [], {}, ['a']],
  number: ['5', '', true, null, [], {}],
  boolean: ['true', 1, 0, null, [], {}],
  object: ['{}', 1, true, null, [], [{}]],
  array: ['[]', 1, true, null, {}],
};

/** Bad JSON values for a body field read by `schema`. */
export function badJsonFor(schema: z.ZodType, key: string): fc.Arbitrary<unknown> {
  const type = jsonTypeOf(schema);
  const wrongTypes = fc.constantFrom(...(jsonOfType[type] ?? [Symbol.for('skip')]));
  if (type === 'string' || type === 'enum' || type === 'literal')
    return fc.oneof(badStringsFor(schema, key), fc.constantFrom(...jsonOfType.string!));
  return wrongTypes.filter((v) => typeof v !== 'symbol');
}
