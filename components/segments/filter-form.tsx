'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import { stageOrder } from '@/components/charts/stage-colors';
import { segmentSearchParams, type SegmentFilters } from '@/lib/segments/filters';

const input =
  'w-full rounded-lg border border-slate-200 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-500">
      {label}
      {children}
    </label>
  );
}

/** A low and a high bound of one value, side by side under one label. */
function RangeField({
  label,
  low,
  high,
  testId,
  draft,
  set,
  min,
  max,
  step,
}: {
  label: string;
  low: string;
  high: string;
  testId: string;
  draft: Record<string, string>;
  set: (key: string, value: string) => void;
  min: number;
  max?: number;
  step: number | 'any';
}) {
  const t = useTranslations('segments.filters');
  const bound = (key: string, which: 'min' | 'max') => (
    <input
      type="number"
      min={min}
      max={max}
      step={step}
      inputMode="decimal"
      aria-label={`${label}: ${t(which === 'min' ? 'from' : 'to')}`}
      placeholder={t(which === 'min' ? 'from' : 'to')}
      data-testid={`filter-${testId}-${which}`}
      className={input}
      value={draft[key] ?? ''}
      onChange={(e) => set(key, e.target.value)}
    />
  );
  return (
    <fieldset className="flex min-w-0 flex-col gap-1">
      <legend className="mb-1 text-xs font-medium text-slate-500">{label}</legend>
      <div className="flex items-center gap-1.5">
        {bound(low, 'min')}
        <span aria-hidden className="text-slate-400">
          –
        </span>
        {bound(high, 'max')}
      </div>
    </fieldset>
  );
}

/** The filters as a form; applying puts them in the URL, which the page reads. */
export function FilterForm({
  filters,
  tags,
  communities,
}: {
  filters: SegmentFilters;
  tags: string[];
  communities: { id: number; title: string }[];
}) {
  const t = useTranslations('segments.filters');
  const tStage = useTranslations('stages');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(segmentSearchParams(filters)),
  );
  const set = (key: string, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const listOf = (key: string) => (draft[key] ? draft[key].split(',') : []);
  const toggle = (key: string, value: string) => {
    const values = listOf(key);
    set(
      key,
      (values.includes(value) ? values.filter((v) => v !== value) : [...values, value]).join(','),
    );
  };
  const apply = () => {
    const search = new URLSearchParams(Object.entries(draft).filter(([, v]) => v !== ''));
    startTransition(() => router.replace(`/segments?${search}`, { scroll: false }));
  };
  return (
    <form
      data-testid="segment-filters"
      aria-busy={pending}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <fieldset className="flex flex-wrap gap-2">
        <legend className="mb-1 text-xs font-medium text-slate-500">{t('stage')}</legend>
        {stageOrder.map((s) => (
          <label
            key={s}
            className="flex items-center gap-1.5 rounded-lg border border-slate-200 px-2.5 py-1 text-sm has-checked:border-indigo-600 has-checked:bg-indigo-50"
          >
            <input
              type="checkbox"
              data-testid={`filter-stage-${s}`}
              checked={listOf('stage').includes(s)}
              onChange={() => toggle('stage', s)}
            />
            {tStage(s)}
          </label>
        ))}
      </fieldset>
      {tags.length > 0 && (
        <fieldset className="flex flex-wrap gap-2">
          <legend className="mb-1 text-xs font-medium text-slate-500">{t('tags')}</legend>
          {tags.map((tag) => (
            <label
              key={tag}
              className="flex items-center gap-1.5 rounded-lg border border-slate-200 px-2.5 py-1 text-sm has-checked:border-indigo-600 has-checked:bg-indigo-50"
            >
              <input
                type="checkbox"
                checked={listOf('tag').includes(tag)}
                onChange={() => toggle('tag', tag)}
              />
              {tag}
            </label>
          ))}
        </fieldset>
      )}
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
        <Field label={t('community')}>
          <select
            className={input}
            value={draft.community ?? ''}
            onChange={(e) => set('community', e.target.value)}
          >
            <option value="">{t('anyCommunity')}</option>
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('joinedFrom')}>
          <input
            type="date"
            className={input}
            value={draft.joinedFrom ?? ''}
            onChange={(e) => set('joinedFrom', e.target.value)}
          />
        </Field>
        <Field label={t('joinedTo')}>
          <input
            type="date"
            className={input}
            value={draft.joinedTo ?? ''}
            onChange={(e) => set('joinedTo', e.target.value)}
          />
        </Field>
        <Field label={t('silentMin')}>
          <input
            type="number"
            min={0}
            data-testid="filter-silent-min"
            className={input}
            value={draft.silentMin ?? ''}
            onChange={(e) => set('silentMin', e.target.value)}
          />
        </Field>
        <Field label={t('silentMax')}>
          <input
            type="number"
            min={0}
            className={input}
            value={draft.silentMax ?? ''}
            onChange={(e) => set('silentMax', e.target.value)}
          />
        </Field>
        <Field label={t('spendMin')}>
          <input
            type="number"
            min={0}
            step="any"
            className={input}
            value={draft.spendMin ?? ''}
            onChange={(e) => set('spendMin', e.target.value)}
          />
        </Field>
        <Field label={t('sort')}>
          <select
            data-testid="filter-sort"
            className={input}
            value={draft.sort ?? 'joined_at'}
            onChange={(e) => set('sort', e.target.value)}
          >
            <option value="joined_at">{t('sorts.joined_at')}</option>
            <option value="last_seen">{t('sorts.last_seen')}</option>
            <option value="spend">{t('sorts.spend')}</option>
            <option value="clv">{t('sorts.clv')}</option>
            <option value="p_alive">{t('sorts.p_alive')}</option>
            <option value="r_score">{t('sorts.r_score')}</option>
            <option value="f_score">{t('sorts.f_score')}</option>
            <option value="m_score">{t('sorts.m_score')}</option>
          </select>
        </Field>
        <Field label={t('dir')}>
          <select
            className={input}
            value={draft.dir ?? 'desc'}
            onChange={(e) => set('dir', e.target.value)}
          >
            <option value="desc">{t('desc')}</option>
            <option value="asc">{t('asc')}</option>
          </select>
        </Field>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-xs font-medium text-slate-500">{t('value.title')}</legend>
        <p className="text-xs text-slate-500">{t('value.help')}</p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          <RangeField
            label={t('value.clv')}
            low="clvMin"
            high="clvMax"
            testId="clv"
            draft={draft}
            set={set}
            min={0}
            step="any"
          />
          <RangeField
            label={t('value.pAlive')}
            low="pAliveMin"
            high="pAliveMax"
            testId="p-alive"
            draft={draft}
            set={set}
            min={0}
            max={1}
            step={0.01}
          />
          <RangeField
            label={t('value.r')}
            low="rMin"
            high="rMax"
            testId="r"
            draft={draft}
            set={set}
            min={1}
            max={5}
            step={1}
          />
          <RangeField
            label={t('value.f')}
            low="fMin"
            high="fMax"
            testId="f"
            draft={draft}
            set={set}
            min={1}
            max={5}
            step={1}
          />
          <RangeField
            label={t('value.m')}
            low="mMin"
            high="mMax"
            testId="m"
            draft={draft}
            set={set}
            min={1}
            max={5}
            step={1}
          />
        </div>
      </fieldset>
      <div className="flex gap-2">
        <button
          type="submit"
          data-testid="filter-apply"
          className="rounded-lg bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-700"
        >
          {t('apply')}
        </button>
        <a
          href="/segments"
          className="rounded-lg border border-slate-200 px-4 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
        >
          {t('clear')}
        </a>
      </div>
    </form>
  );
}
