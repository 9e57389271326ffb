'use client';

import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { DataTable } from '@/components/charts/data-table';
import { StageBadge } from '@/components/stage-badge';
import type { SegmentFilters } from '@/lib/segments/filters';
import type { SegmentFan, SegmentPage } from '@/lib/segments/query';
import { FilterForm } from './filter-form';

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const body = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.error ?? `Request failed with status ${res.status}`);
  return body;
}

/** Filters, the live count, keyset pages of fans, saving and exporting. */
export function SegmentBrowser({
  filters,
  query,
  tags,
  communities,
  saved,
}: {
  filters: SegmentFilters;
  query: string;
  tags: string[];
  communities: { id: number; title: string }[];
  saved: { id: number; name: string; query: string }[];
}) {
  const t = useTranslations('segments');
  const tStage = useTranslations('stages');
  const format = useFormatter();
  const router = useRouter();
  // Cursors of the pages before this one: "previous" pops, "next" pushes.
  const [cursors, setCursors] = useState<{ query: string; stack: string[] }>({ query, stack: [] });
  const stack = cursors.query === query ? cursors.stack : [];
  const after = stack.at(-1);
  const count = useQuery({
    queryKey: ['segment-count', query],
    queryFn: () => getJson<{ count: number }>(`/api/segments/count?${query}`),
  });
  const page = useQuery({
    queryKey: ['segment-page', query, after],
    queryFn: () =>
      getJson<SegmentPage>(
        `/api/segments/fans?${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      ),
    placeholderData: keepPreviousData,
  });
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () =>
      getJson('/api/segments/saved', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, query }),
      }),
    onSuccess: () => {
      setName('');
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => fetch(`/api/segments/saved/${id}`, { method: 'DELETE' }),
    onSuccess: () => router.refresh(),
  });
  const day = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { year: 'numeric', month: 'short', day: 'numeric' }) : '–';

  return (
    <div className="flex flex-col gap-4">
      <FilterForm key={query} filters={filters} tags={tags} communities={communities} />
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <section className="flex min-w-0 flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600">
              {count.isError ? (
                <span role="alert" className="text-red-700">
                  {count.error.message}
                </span>
              ) : (
                t.rich('count', {
                  count: count.data?.count ?? 0,
                  n: count.data ? format.number(count.data.count) : '…',
                  b: (chunks) => (
                    <strong
                      data-testid="segment-count"
                      className="text-base text-slate-900 tabular-nums"
                    >
                      {chunks}
                    </strong>
                  ),
                })
              )}
            </p>
            <a
              href={`/api/segments/export?${query}`}
              download
              data-testid="segment-export"
              className="rounded-lg border border-slate-200 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100"
            >
              {t('export')}
            </a>
          </div>
          {page.isError ? (
            <div role="alert" className="rounded-lg bg-red-50 p-4 text-sm text-red-800">
              {page.error.message}
            </div>
          ) : !page.data ? (
            <div className="grid h-40 place-items-center text-sm text-slate-500">
              {t('loading')}
            </div>
          ) : (
            <div data-testid="segment-table" className={page.isPlaceholderData ? 'opacity-60' : ''}>
              <DataTable
                caption={t('title')}
                rowKey={(f: SegmentFan) => String(f.fanId)}
                rows={page.data.fans}
                columns={[
                  {
                    key: 'fan',
                    header: t('columns.fan'),
                    cell: (f) => (
                      <span className="flex flex-col">
                        <span className="max-w-48 truncate font-medium">{f.name}</span>
                        <span className="text-xs text-slate-400">
                          {f.username ? `@${f.username}` : f.telegramUserId}
                        </span>
                      </span>
                    ),
                  },
                  {
                    key: 'stage',
                    header: t('columns.stage'),
                    align: 'left',
                    cell: (f) => (
                      <StageBadge variant="plain" stage={f.stage} label={tStage(f.stage)} />
                    ),
                  },
                  { key: 'joined', header: t('columns.joined'), cell: (f) => day(f.joinedAt) },
                  {
                    key: 'last',
                    header: t('columns.lastEngaged'),
                    cell: (f) => day(f.lastEngagedAt),
                  },
                  {
                    key: 'eng',
                    header: t('columns.engagements'),
                    cell: (f) => format.number(f.windowEngagements),
                  },
                  {
                    key: 'spend',
                    header: t('columns.spend'),
                    cell: (f) => format.number(f.spend, { maximumFractionDigits: 2 }),
                  },
                  {
                    key: 'tags',
                    header: t('columns.tags'),
                    align: 'left',
                    cell: (f) => f.tags.join(', '),
                  },
                ]}
              />
            </div>
          )}
          <div className="flex items-center justify-between gap-2 text-sm">
            <button
              type="button"
              data-testid="segment-prev"
              disabled={stack.length === 0}
              onClick={() => setCursors({ query, stack: stack.slice(0, -1) })}
              className="rounded-lg border border-slate-200 px-3 py-1 disabled:opacity-40"
            >
              {t('previous')}
            </button>
            <span className="text-slate-500">{t('page', { n: stack.length + 1 })}</span>
            <button
              type="button"
              data-testid="segment-next"
              disabled={!page.data?.nextCursor}
              onClick={() =>
                page.data?.nextCursor &&
                setCursors({ query, stack: [...stack, page.data.nextCursor] })
              }
              className="rounded-lg border border-slate-200 px-3 py-1 disabled:opacity-40"
            >
              {t('next')}
            </button>
          </div>
        </section>
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
          {save.isError && (
            <p role="alert" className="text-sm text-red-700">
              {save.error.message}
            </p>
          )}
          {saved.length === 0 ? (
            <p className="text-sm text-slate-500">{t('saved.none')}</p>
          ) : (
            <ul
              data-testid="saved-segments"
              className="flex flex-col divide-y divide-slate-100 text-sm"
            >
              {saved.map((s) => (
                <li key={s.id} className="flex items-center justify-between gap-2 py-1.5">
                  <a
                    href={`/segments?${s.query}`}
                    className="min-w-0 truncate font-medium text-indigo-700 hover:underline"
                  >
                    {s.name}
                  </a>
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
      </div>
    </div>
  );
}
