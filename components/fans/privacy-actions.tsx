'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiFetch, apiFetchResponse } from '@/lib/api/fetch';
import { queryKeys } from '@/lib/api/query-keys';
import type { EraseResult } from '@/lib/fans/erase-fan';
import { useFanErrorMessage } from './use-fan-error-message';

/**
 * Privacy requests for one fan: download its data as JSON, and erase it after typing its
 * number. The server checks the role and the confirmation again.
 */
export function PrivacyActions({ fanId, erasedAt }: { fanId: number; erasedAt: string | null }) {
  const t = useTranslations('fans.privacy');
  const format = useFormatter();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorMessage = useFanErrorMessage();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const code = `#${fanId}`;
  const mutation = useMutation({
    mutationFn: () =>
      apiFetch<EraseResult>(`/api/fans/${fanId}/erase`, {
        method: 'POST',
        body: { confirm: typed },
      }),
    onSuccess: () => {
      setOpen(false);
      // The page shows the erasure (the timeline is keyed by it); the tags are read again.
      router.refresh();
      void queryClient.invalidateQueries({ queryKey: queryKeys.fans.tags(fanId) });
    },
  });
  // Fetched rather than linked, so a refusal is shown in the page's language.
  const exporting = useMutation({
    mutationFn: async () => {
      const response = await apiFetchResponse(`/api/fans/${fanId}/export`);
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), {
        href: url,
        download: `fan-${fanId}-export.json`,
      });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
  const button =
    'rounded-lg px-3 py-1.5 text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-50';

  return (
    <div className="flex flex-col gap-4 text-sm">
      <div>
        <p className="text-slate-600">{t('exportHelp')}</p>
        <button
          type="button"
          data-testid="fan-export"
          onClick={() => exporting.mutate()}
          disabled={exporting.isPending}
          className={`mt-2 inline-block border border-slate-200 bg-white text-slate-700 hover:bg-slate-100 ${button}`}
        >
          {exporting.isPending ? t('exporting') : t('export')}
        </button>
        {exporting.isError && (
          <p role="alert" data-testid="fan-export-error" className="mt-2 text-red-700">
            {t('exportFailed', { message: errorMessage(exporting.error) })}
          </p>
        )}
      </div>
      <div className="border-t border-slate-100 pt-4">
        {erasedAt ? (
          <p data-testid="fan-erased-on" className="text-slate-600">
            {t('erasedOn', {
              date: format.dateTime(new Date(erasedAt), {
                dateStyle: 'medium',
                timeStyle: 'short',
              }),
            })}
          </p>
        ) : (
          <>
            <p className="text-slate-600">{t('eraseHelp')}</p>
            {!open ? (
              <button
                type="button"
                data-testid="fan-erase-open"
                onClick={() => setOpen(true)}
                className={`mt-2 border border-red-200 bg-white text-red-700 hover:bg-red-50 ${button}`}
              >
                {t('erase')}
              </button>
            ) : (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (typed.trim() === code) mutation.mutate();
                }}
                className="mt-2 flex flex-col gap-2 rounded-lg bg-red-50 p-3"
              >
                <label htmlFor="fan-erase-confirm" className="font-medium text-red-900">
                  {t('confirmLabel', { code })}
                </label>
                <input
                  id="fan-erase-confirm"
                  data-testid="fan-erase-confirm"
                  value={typed}
                  onChange={(e) => setTyped(e.target.value)}
                  autoComplete="off"
                  autoFocus
                  placeholder={code}
                  className="rounded-lg border border-red-200 bg-white px-2.5 py-1.5 placeholder:text-red-200 focus:border-red-400 focus:ring-2 focus:ring-red-100 focus:outline-none"
                />
                <div className="flex flex-wrap gap-2">
                  <button
                    type="submit"
                    data-testid="fan-erase-submit"
                    disabled={typed.trim() !== code || mutation.isPending}
                    className={`bg-red-600 text-white hover:bg-red-700 ${button}`}
                  >
                    {mutation.isPending ? t('erasing') : t('confirm')}
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      setOpen(false);
                      setTyped('');
                      mutation.reset();
                    }}
                    className={`border border-slate-200 bg-white text-slate-700 hover:bg-slate-100 ${button}`}
                  >
                    {t('cancel')}
                  </button>
                </div>
              </form>
            )}
            {mutation.isError && (
              <p role="alert" data-testid="fan-erase-error" className="mt-2 text-red-700">
                {t('failed', { message: errorMessage(mutation.error) })}
              </p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
