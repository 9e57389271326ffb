'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiFetch } from '@/lib/api/fetch';
import { queryKeys } from '@/lib/api/query-keys';
import type { SavedSegment } from '@/lib/segments/saved';
import { useRefusalText } from './use-refusal-text';
import { retryUnlessRefused } from '@/lib/api/retry-unless-refused';

/**
 * Save the current filters under a name, and the saved segments: each opens its filters,
 * or says why it no longer does (a tag or community it names is gone).
 */
export function SavedSegments({ query, initial }: { query: string; initial: SavedSegment[] }) {
  const t = useTranslations('segments');
  const refusal = useRefusalText();
  const client = useQueryClient();
  const saved = useQuery({
    queryKey: queryKeys.segments.saved(),
    queryFn: ({ signal }) =>
      apiFetch<{ segments: SavedSegment[] }>('/api/segments/saved', { signal }),
    initialData: { segments: initial },
    retry: retryUnlessRefused,
  });
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.segments.saved() });
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () =>
      apiFetch<SavedSegment>('/api/segments/saved', { method: 'POST', body: { name, query } }),
    onSuccess: () => {
      setName('');
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => apiFetch(`/api/segments/saved/${id}`, { method: 'DELETE' }),
    onSettled: refresh,
  });
  const segments = saved.data.segments;
  return (
    <aside className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-sm font-semibold">{t('saved.title')}</h2>
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <input
          data-testid="segment-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('saved.name')}
          aria-label={t('saved.name')}
          className="min-w-0 flex-1 rounded-lg border border-slate-200 px-2.5 py-1.5 text-sm"
        />
        <button
          type="submit"
          data-testid="segment-save"
          disabled={save.isPending}
          className="rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {t('saved.save')}
        </button>
      </form>
      {(save.isError || remove.isError) && (
        <p role="alert" data-testid="segment-save-error" className="text-sm text-red-700">
          {refusal((save.error ?? remove.error)!)}
        </p>
      )}
      {segments.length === 0 ? (
        <p className="text-sm text-slate-500">{t('saved.none')}</p>
      ) : (
        <ul
          data-testid="saved-segments"
          className="flex flex-col divide-y divide-slate-100 text-sm"
        >
          {segments.map((s) => (
            <li key={s.id} className="flex items-center justify-between gap-2 py-1.5">
              {s.problem ? (
                <span className="flex min-w-0 flex-col" data-testid="saved-segment-broken">
                  <span className="truncate font-medium text-slate-500">{s.name}</span>
                  <span className="text-xs text-amber-700">
                    {t('saved.broken', {
                      reason:
                        s.problem.code === 'unknown_tag'
                          ? t('errors.unknownTag', { tags: (s.problem.values ?? []).join(', ') })
                          : s.problem.code === 'unknown_community'
                            ? t('errors.unknownCommunity')
                            : t('saved.brokenInvalid'),
                    })}
                  </span>
                </span>
              ) : (
                <a
                  href={`/segments?${s.query}`}
                  className="min-w-0 truncate font-medium text-indigo-700 hover:underline"
                >
                  {s.name}
                </a>
              )}
              <button
                type="button"
                onClick={() => remove.mutate(s.id)}
                className="text-xs text-slate-500 hover:text-red-700"
              >
                {t('saved.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
