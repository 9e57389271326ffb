import { getFormatter, getTranslations } from 'next-intl/server';
import type { CommunitySummary } from '@/lib/communities/types';

// Posts and views belong to channels; a group has neither, so it shows no zeros for them.
const statsByKind = {
  channel: ['fans', 'posts', 'engagements', 'views'],
  group: ['fans', 'engagements'],
  supergroup: ['fans', 'engagements'],
} as const;

/** Headline numbers; each value carries data-testid="stat-<name>". */
export async function SummaryCards({ summary }: { summary: CommunitySummary }) {
  const t = await getTranslations('stats');
  const format = await getFormatter();
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {statsByKind[summary.kind].map((stat) => (
        <div
          key={stat}
          className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
        >
          <dt className="text-sm font-medium text-slate-500">{t(`${stat}.label`)}</dt>
          <dd
            data-testid={`stat-${stat}`}
            className="mt-1 text-2xl font-semibold tracking-tight tabular-nums sm:text-3xl"
          >
            {format.number(summary[stat])}
          </dd>
          <dd className="mt-1 text-xs text-slate-400">{t(`${stat}.hint`)}</dd>
        </div>
      ))}
    </dl>
  );
}
