'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { ApiRequestError } from '@/lib/api/fetch';

const MB = 1024 * 1024;

/** Why the import was refused, in the reader's language, from the server's code and limits. */
export function RefusalMessage({ error, file }: { error: Error; file: string }) {
  const t = useTranslations('import.refusal');
  const format = useFormatter();
  if (!(error instanceof ApiRequestError)) return t('network', { file });
  const tooDeep = error.fields.find((f) => f.code === 'too_deep');
  switch (error.code) {
    case 'payload_too_large': {
      const maximum = Number(error.fields.find((f) => f.maximum !== undefined)?.maximum);
      return t('tooLarge', {
        file,
        size: format.number(maximum / MB, { maximumFractionDigits: 1 }),
      });
    }
    case 'unsupported_media_type':
      return t('notJson', { file });
    case 'conflict':
      return t('busy', { file });
    case 'invalid_csv': {
      const columns = (code: string) =>
        error.fields
          .find((f) => f.code === code)
          ?.values?.map(String)
          .join(', ');
      const header = ['missing_columns', 'unknown_columns', 'repeated_columns'] as const;
      if (!header.some(columns)) return t('invalidCsv', { detail: error.message });
      return [
        t('csvHeader', { file }),
        ...header.flatMap((code) => {
          const listed = columns(code);
          return listed ? [t(`csvColumns.${code}`, { columns: listed })] : [];
        }),
      ].join(' ');
    }
    case 'invalid_export':
      return tooDeep
        ? t('tooDeep', { file, maximum: Number(tooDeep.maximum) })
        : t('invalidExport', { detail: error.message });
    case 'unauthorized':
      return t('signedOut');
    case 'forbidden':
      return t('forbidden');
    case 'internal':
      return t('internal', { file, ref: error.ref ?? '' });
    default:
      return t('other', { detail: error.message });
  }
}
