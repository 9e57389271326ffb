'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { apiFetch } from '@/lib/api/fetch';
import { queryKeys } from '@/lib/api/query-keys';
import type { FanTag } from '@/lib/fans/tags';
import { useFanErrorMessage } from './use-fan-error-message';

type TagsAnswer = { tags: FanTag[] };

/** The fan's tags: add one by name (a new name makes the tag), remove one by its ×. */
export function FanTags({
  fanId,
  initialTags,
  erased,
}: {
  fanId: number;
  initialTags: FanTag[];
  erased: boolean;
}) {
  const t = useTranslations('fans.tags');
  const errorMessage = useFanErrorMessage();
  const queryClient = useQueryClient();
  const key = queryKeys.fans.tags(fanId);
  // The page brings the tags; each change answers with them all.
  const { data: tags } = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) =>
      (await apiFetch<{ fan: TagsAnswer }>(`/api/fans/${fanId}`, { signal })).fan.tags,
    initialData: initialTags,
    staleTime: Infinity,
  });
  const [name, setName] = useState('');
  const add = useMutation({
    mutationFn: (tag: string) =>
      apiFetch<TagsAnswer>(`/api/fans/${fanId}/tags`, { method: 'POST', body: { name: tag } }),
    onSuccess: (answer) => {
      queryClient.setQueryData(key, answer.tags);
      setName('');
    },
  });
  const remove = useMutation({
    mutationFn: (tagId: number) =>
      apiFetch<TagsAnswer>(`/api/fans/${fanId}/tags/${tagId}`, { method: 'DELETE' }),
    onSuccess: (answer) => queryClient.setQueryData(key, answer.tags),
  });
  const error = add.error ?? remove.error;
  const message = error && errorMessage(error);

  return (
    <div className="flex flex-col gap-3">
      {tags.length === 0 ? (
        <p className="text-sm text-slate-500">{t('none')}</p>
      ) : (
        <ul data-testid="fan-tags" className="flex flex-wrap gap-1.5">
          {tags.map((tag) => (
            <li
              key={tag.id}
              data-testid="fan-tag"
              className="inline-flex max-w-full items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-2.5 text-sm text-indigo-800 ring-1 ring-indigo-200"
            >
              <span className="truncate">{tag.name}</span>
              <button
                type="button"
                aria-label={t('remove', { name: tag.name })}
                title={t('remove', { name: tag.name })}
                disabled={remove.isPending}
                onClick={() => remove.mutate(tag.id)}
                className="grid size-5 shrink-0 place-items-center rounded-full text-indigo-500 hover:bg-indigo-100 hover:text-indigo-800 disabled:opacity-50"
              >
                <span aria-hidden>×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {erased ? (
        <p className="text-xs text-slate-500">{t('erased')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) add.mutate(name);
          }}
          className="flex gap-2"
        >
          <label className="sr-only" htmlFor="fan-tag-name">
            {t('label')}
          </label>
          <input
            id="fan-tag-name"
            data-testid="fan-tag-input"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              add.reset();
            }}
            maxLength={48}
            placeholder={t('placeholder')}
            className="min-w-0 flex-1 rounded-lg border border-slate-300 px-2.5 py-1.5 text-sm placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none"
          />
          <button
            type="submit"
            data-testid="fan-tag-add"
            disabled={!name.trim() || add.isPending}
            className="shrink-0 rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:opacity-50"
          >
            {t('add')}
          </button>
        </form>
      )}
      {message && (
        <p role="alert" data-testid="fan-tag-error" className="text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}
