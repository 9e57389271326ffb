'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { FieldIssue } from '@/lib/api/errors';

/** Which words a refused field gets: a rule value's, or a publish/rollback note's. */
export type FieldKind = 'value' | 'note';

const valueCodes = ['too_small', 'too_big', 'invalid_type', 'core_days_within_window'] as const;
const noteCodes = ['too_small', 'too_big', 'control_character', 'invalid_unicode'] as const;

const known = <C extends string>(codes: readonly C[], code: string): code is C =>
  (codes as readonly string[]).includes(code);

const limit = (n: number | string | undefined, format: (n: number) => string) =>
  typeof n === 'number' ? format(n) : (n ?? '–');

/**
 * Why the server refused a field, in the reader's language: from the issue's code and its
 * limits only, so the page never has to know the rule behind them.
 */
export function useFieldIssueMessage() {
  const t = useTranslations('rules');
  const format = useFormatter();
  return (issue: FieldIssue, kind: FieldKind): string => {
    const limits = {
      minimum: limit(issue.minimum, format.number),
      maximum: limit(issue.maximum, format.number),
    };
    const { code, message } = issue;
    if (kind === 'value')
      return known(valueCodes, code)
        ? t(`fieldErrors.${code}`, limits)
        : t('fieldErrors.other', { message });
    return known(noteCodes, code)
      ? t(`noteErrors.${code}`, limits)
      : t('noteErrors.other', { message });
  };
}

/** The refusal under a field, tied to its input by `id` (aria-describedby). */
export function FieldError({
  id,
  testId,
  issue,
  kind,
}: {
  id: string;
  testId?: string;
  issue: FieldIssue;
  kind: FieldKind;
}) {
  const message = useFieldIssueMessage();
  return (
    <p
      id={id}
      role="alert"
      data-testid={testId}
      data-code={issue.code}
      className="text-xs font-medium text-red-700"
    >
      {message(issue, kind)}
    </p>
  );
}
