'use client';

import { useTranslations } from 'next-intl';
import type { GrowthFilters } from '@/lib/growth/filters';
import { SaveFirstPanel } from './save-first-panel';
import { ValueByStagePanel } from './value-by-stage-panel';
import { ValueFitCard } from './value-fit-card';

/** Growth → Value: the latest fit of the value models, value by stage, who to save first. */
export function ValueSection({
  filters,
  settingsLink,
}: {
  filters: GrowthFilters;
  /** Whether the viewer may add currency rates (admins): the warnings link to Settings. */
  settingsLink: boolean;
}) {
  const t = useTranslations('growth.value');
  return (
    <section
      aria-labelledby="growth-value"
      data-testid="growth-value"
      className="flex flex-col gap-4"
    >
      <div>
        <h2 id="growth-value" className="text-lg font-semibold tracking-tight">
          {t('title')}
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-500">{t('subtitle')}</p>
      </div>
      <ValueFitCard settingsLink={settingsLink} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ValueByStagePanel filters={filters} settingsLink={settingsLink} />
        <SaveFirstPanel filters={filters} />
      </div>
    </section>
  );
}
