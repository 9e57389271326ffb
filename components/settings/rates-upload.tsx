'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { ApiRequestError } from '@/lib/api/fetch';
import { useUploadRatesMutation } from '@/lib/settings/currency-hooks';
import { csvProblems, type CsvProblem } from '@/lib/settings/currency-issues';
import { useCurrencyMessages } from './use-currency-messages';

/**
 * A rates file (`currency,day,rate`) sent whole: saved all at once or, with any bad line,
 * not at all, each bad line named with what is wrong with it.
 */
export function RatesUpload({
  base,
  notify,
}: {
  base: string;
  /** A message for the panel's notice; null clears it. */
  notify: (message: string | null) => void;
}) {
  const t = useTranslations('settings.currencies.csv');
  const tSaved = useTranslations('settings.currencies.rate');
  const messages = useCurrencyMessages();
  const upload = useUploadRatesMutation();
  const [file, setFile] = useState<File | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const id = useId();
  const name = file?.name ?? '';
  const error = upload.error;
  const problems = error instanceof ApiRequestError ? csvProblems(error.fields) : [];

  /** "Line 3 · rate": the line, and the column when the server named one. */
  const where = (p: CsvProblem) =>
    [p.line === null ? t('somewhere') : t('line', { line: p.line }), p.column]
      .filter(Boolean)
      .join(' · ');

  const refusal = (e: Error) => {
    if (!(e instanceof ApiRequestError)) return messages.error(e);
    if (e.code === 'payload_too_large') return t('tooLarge', { file: name });
    if (e.code === 'unsupported_media_type') return t('notCsv', { file: name });
    if (e.code === 'invalid')
      return problems.length > 0
        ? t('refused', { count: problems.length, file: name })
        : t('unreadable', { file: name });
    return messages.error(e);
  };

  return (
    <form
      data-testid="rates-upload"
      onSubmit={(e) => {
        e.preventDefault();
        if (!file) return;
        notify(null);
        upload.mutate(file, {
          onSuccess: (result) => {
            notify(
              tSaved('savedFile', {
                saved: result.saved,
                file: name,
                purchases: result.purchasesChanged,
              }),
            );
            setFile(null);
            if (picker.current) picker.current.value = '';
          },
        });
      }}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-slate-50/60 p-3 sm:p-4"
    >
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{t('title')}</h3>
        <p className="text-xs text-slate-500">{t('help', { base })}</p>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <label
          htmlFor={`${id}-file`}
          className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium text-slate-700"
        >
          {t('file')}
          <input
            ref={picker}
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="rates-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              upload.reset();
            }}
            className="rounded-lg border border-slate-200 bg-white px-2 py-1.5 text-sm font-normal file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:text-slate-700"
          />
        </label>
        <button
          type="submit"
          data-testid="rates-submit"
          disabled={!file || upload.isPending}
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:opacity-50"
        >
          {upload.isPending ? t('uploading') : t('submit')}
        </button>
      </div>
      <div aria-live="polite" className="empty:hidden">
        {error && (
          <div
            role="alert"
            data-testid="rates-upload-error"
            className="rounded-lg bg-red-50 p-3 text-sm text-red-800"
          >
            <p>{refusal(error)}</p>
            {problems.length > 0 && (
              <ul className="mt-2 flex flex-col gap-0.5">
                {problems.map((p, i) => (
                  <li key={i} data-testid="rates-upload-problem" data-line={p.line ?? undefined}>
                    {t.rich('problemAt', {
                      where: where(p),
                      problem: messages.problem(p.problem),
                      b: (chunks) => <span className="font-medium tabular-nums">{chunks}</span>,
                    })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
