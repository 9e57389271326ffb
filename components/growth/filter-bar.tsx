'use client';

import { useTranslations } from 'next-intl';
import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { addDays } from '@/lib/communities/dates';
import type { CommunityListItem } from '@/lib/communities/types';
import type { GrowthFilters } from '@/lib/growth/filters';

const presetWeeks = [4, 12, 26, 52] as const;

/** Community and date range; they live in the URL, so a view is shared by its link. */
export function FilterBar({
  filters,
  communities,
  today,
  allowAll = true,
}: {
  filters: GrowthFilters;
  communities: CommunityListItem[];
  today: string;
  allowAll?: boolean;
}) {
  const t = useTranslations('filters');
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const go = (next: Partial<GrowthFilters>) => {
    const f = { ...filters, ...next };
    const search = new URLSearchParams({
      community: f.communityId === 0 ? 'all' : String(f.communityId),
      from: f.from,
      to: f.to,
    });
    startTransition(() => router.replace(`${pathname}?${search}`, { scroll: false }));
  };
  const field = 'flex flex-col gap-1 text-xs font-medium text-slate-500';
  const input =
    'rounded-lg border border-slate-200 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm';
  return (
    <div
      data-testid="filter-bar"
      aria-busy={pending}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4"
    >
      <label className={`${field} min-w-0 basis-full sm:basis-auto`}>
        {t('community')}
        <select
          data-testid="filter-community"
          className={input}
          value={filters.communityId}
          onChange={(e) => go({ communityId: Number(e.target.value) })}
        >
          {allowAll && <option value={0}>{t('allCommunities')}</option>}
          {communities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      <label className={field}>
        {t('from')}
        <input
          type="date"
          data-testid="filter-from"
          className={input}
          value={filters.from}
          max={filters.to}
          onChange={(e) => e.target.value && go({ from: e.target.value })}
        />
      </label>
      <label className={field}>
        {t('to')}
        <input
          type="date"
          data-testid="filter-to"
          className={input}
          value={filters.to}
          min={filters.from}
          onChange={(e) => e.target.value && go({ to: e.target.value })}
        />
      </label>
      <div role="group" aria-label={t('presets')} className="flex flex-wrap gap-1.5">
        {presetWeeks.map((weeks) => {
          const from = addDays(today, -(weeks * 7 - 1));
          const pressed = filters.from === from && filters.to === today;
          return (
            <button
              key={weeks}
              type="button"
              aria-pressed={pressed}
              data-testid={`preset-${weeks}w`}
              onClick={() => go({ from, to: today })}
              className="rounded-lg border border-slate-200 px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 aria-pressed:border-indigo-600 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-700"
            >
              {t('weeks', { count: weeks })}
            </button>
          );
        })}
      </div>
    </div>
  );
}
