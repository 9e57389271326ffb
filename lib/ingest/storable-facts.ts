import type { Fact } from './facts';
import { isStorable, storableText } from './storable-text';

// Text Postgres cannot store (storable-text.ts) would fail a whole batch, so one odd
// character in a name would stall a community's sync or abort an import for good. Free
// text is cleaned; a record whose key holds such text is set aside instead, since a
// cleaned key would name another record (and could collide with one).

export interface UnstorableRecord {
  /** Position of the record in the batch. */
  index: number;
  kind: Fact['kind'];
  /** The fields that held text Postgres cannot store. */
  fields: string[];
  outcome: 'cleaned' | 'set_aside';
  reason: string;
}

/** Fields that name the record: changing one makes it another record. */
const keyFields: Partial<Record<Fact['kind'], string[]>> = {
  event: ['sourceKey'],
  membership: ['sourceKey'],
  purchase: ['sourceKey', 'orderId', 'customer'],
};

/** Free text, stored cleaned. */
const textFields: Partial<Record<Fact['kind'], string[]>> = {
  community: ['title', 'username'],
  fan: ['username', 'firstName', 'lastName', 'languageCode'],
  event: ['text'],
  membership: ['inviteLink'],
  post: ['text'],
};

function jsonIsStorable(value: unknown): boolean {
  if (typeof value === 'string') return isStorable(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return true;
  if (Array.isArray(value)) return value.every(jsonIsStorable);
  for (const key in value)
    if (!isStorable(key) || !jsonIsStorable((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** The fields of `record` among `fields` that hold text Postgres cannot store (null: none). */
function badFields(record: Record<string, unknown>, fields: readonly string[] | undefined) {
  let bad: string[] | null = null;
  if (fields)
    for (const field of fields) {
      const value = record[field];
      if (typeof value === 'string' && !isStorable(value)) (bad ??= []).push(field);
    }
  return bad;
}

function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)]),
    );
  return value;
}

const unstorableText = 'a NUL character or a lone UTF-16 surrogate, which Postgres cannot store';

/**
 * The batch's facts as Postgres can store them: cleaned where only text was wrong, null
 * where the record is set aside, in their places (indexes stay those of the batch).
 */
export function storableFacts(facts: readonly Fact[]): {
  facts: (Fact | null)[];
  unstorable: UnstorableRecord[];
} {
  const unstorable: UnstorableRecord[] = [];
  const storable = facts.map((fact, index): Fact | null => {
    const record = fact as unknown as Record<string, unknown>;
    const badKeys = badFields(record, keyFields[fact.kind]);
    if (badKeys) {
      unstorable.push({
        index,
        kind: fact.kind,
        fields: badKeys,
        outcome: 'set_aside',
        reason: `${badKeys.join(', ')} holds ${unstorableText}; it names the record, so the record was set aside`,
      });
      return null;
    }
    let fields = badFields(record, textFields[fact.kind]);
    if (fact.kind === 'event' && fact.payload && !jsonIsStorable(fact.payload))
      (fields ??= []).push('payload');
    if (!fields) return fact;
    const cleaned: Record<string, unknown> = { ...record };
    for (const field of fields)
      cleaned[field] =
        field === 'payload' ? storableJson(record[field]) : storableText(record[field] as string);
    if (fact.kind === 'community' && cleaned.title === '')
      cleaned.title = `Telegram ${fact.type} ${fact.telegramId}`;
    // Text that was nothing but NULs tells nothing: as if the source had not told it.
    for (const field of fields) if (cleaned[field] === '') cleaned[field] = null;
    unstorable.push({
      index,
      kind: fact.kind,
      fields,
      outcome: 'cleaned',
      reason: `${fields.join(', ')} held ${unstorableText}: NUL removed, lone surrogates replaced with U+FFFD`,
    });
    return cleaned as unknown as Fact;
  });
  return { facts: storable, unstorable };
}
