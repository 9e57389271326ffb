'use client';

import { useMutation } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiFetch } from '@/lib/api/fetch';
import type { OrdersCsvReport } from '@/lib/revenue/import-orders';
import type { ImportReport } from '@/lib/telegram-export/import-export';
import { ImportReportView } from './import-report';
import { OrdersCsvReportView } from './orders-csv-report';
import { RefusalMessage } from './refusal-message';

type Imported =
  | { kind: 'telegram_export'; report: ImportReport }
  | { kind: 'purchase_csv'; report: OrdersCsvReport };

const isCsv = (file: File) => file.type === 'text/csv' || /\.csv$/i.test(file.name);

// The server tells the two kinds apart by their first bytes; the type sent is only a hint.
async function upload(file: File): Promise<Imported> {
  return apiFetch<Imported>('/api/import', {
    method: 'POST',
    upload: {
      data: file,
      contentType: isCsv(file) ? 'text/csv' : 'application/json',
      headers: { 'x-file-name': encodeURIComponent(file.name) },
    },
  });
}

/** Pick a result.json or a purchase CSV, send it, show what was imported and what was not. */
export function ImportForm() {
  const t = useTranslations('import');
  const format = useFormatter();
  const [file, setFile] = useState<File | null>(null);
  const mutation = useMutation({ mutationFn: upload });
  return (
    <div className="flex flex-col gap-6">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (file) mutation.mutate(file);
        }}
        className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end sm:p-5"
      >
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
          {t('file')}
          <input
            type="file"
            accept="application/json,.json,text/csv,.csv"
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              mutation.reset();
            }}
            className="rounded-lg border border-slate-200 px-2 py-1.5 text-sm font-normal file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:text-slate-700"
          />
          {file && (
            <span className="text-xs font-normal text-slate-500">
              {t('size', {
                size: format.number(file.size / 1_048_576, { maximumFractionDigits: 1 }),
              })}
            </span>
          )}
        </label>
        <button
          type="submit"
          data-testid="import-submit"
          disabled={!file || mutation.isPending}
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:opacity-50"
        >
          {mutation.isPending ? t('importing') : t('submit')}
        </button>
      </form>
      {mutation.isError && (
        <div
          role="alert"
          data-testid="import-error"
          className="rounded-lg bg-red-50 p-4 text-sm text-red-800"
        >
          <RefusalMessage error={mutation.error} file={file?.name ?? ''} />
        </div>
      )}
      {mutation.data?.kind === 'purchase_csv' && (
        <OrdersCsvReportView report={mutation.data.report} />
      )}
      {mutation.data?.kind === 'telegram_export' && (
        <ImportReportView report={mutation.data.report} />
      )}
    </div>
  );
}
