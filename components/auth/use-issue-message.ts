import { useTranslations } from 'next-intl';
import type { FieldIssue } from '@/lib/api/errors';

const known = [
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'control_character',
  'invalid_unicode',
  'duplicate_email',
  'wrong_password',
  'same_as_current',
  'mismatch',
] as const;
type Known = (typeof known)[number];
const isKnown = (code: string): code is Known => (known as readonly string[]).includes(code);

/**
 * Why the server refused one field, in the reader's language, from the issue's code and
 * limits (never from re-checking the value). Shared by the account and Settings forms.
 */
export function useIssueMessage() {
  const t = useTranslations('auth.issues');
  return (issue: FieldIssue): string => {
    if (issue.code === 'invalid_type' || (issue.code === 'too_small' && issue.minimum === 1))
      return t('required');
    if (issue.code === 'too_small') return t('too_small', { minimum: Number(issue.minimum) });
    if (issue.code === 'too_big') return t('too_big', { maximum: Number(issue.maximum) });
    return isKnown(issue.code) ? t(issue.code) : t('other');
  };
}
