import { getFormatter, getTranslations } from 'next-intl/server';
import { stageColors } from '@/components/charts/stage-colors';
import type { StageSummary } from '@/lib/overview/queries';

/** Fans per stage now, with the change against 7 and 30 days ago. */
export async function StageCards({ summary }: { summary: StageSummary }) {
  const t = await getTranslations('overview.stages');
  const tStage = await getTranslations('stages');
  const format = await getFormatter();
  const change = (now: number, before: number | null) => {
    if (before === null) return <span className="text-slate-400">{t('noHistory')}</span>;
    const d = now - before;
    const color = d === 0 ? 'text-slate-500' : d > 0 ? 'text-emerald-700' : 'text-rose-700';
    return <span className={color}>{format.number(d, { signDisplay: 'exceptZero' })}</span>;
  };
  return (
    <section aria-labelledby="stages-now" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="stages-now" className="text-base font-semibold">
          {t('title')}
        </h2>
        {summary.refreshedAt && (
          <p className="text-xs text-slate-500">
            {t('asOf', { at: new Date(summary.refreshedAt) })}
          </p>
        )}
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {summary.stages.map((s) => (
          <div
            key={s.stage}
            data-testid={`stage-card-${s.stage}`}
            className="flex flex-col rounded-xl border border-slate-200 bg-white p-3 shadow-sm"
          >
            <dt className="flex items-center gap-2 text-sm font-medium text-slate-600">
              <span
                aria-hidden
                className="size-2.5 rounded-full"
                style={{ backgroundColor: stageColors[s.stage] }}
              />
              {tStage(s.stage)}
            </dt>
            <dd
              data-testid={`stage-now-${s.stage}`}
              className="mt-1 text-2xl font-semibold tracking-tight tabular-nums"
            >
              {format.number(s.now)}
            </dd>
            <dd className="mt-1 flex flex-wrap gap-x-3 text-xs tabular-nums">
              <span>
                <span className="text-slate-400">{t('week')} </span>
                {change(s.now, s.weekAgo)}
              </span>
              <span>
                <span className="text-slate-400">{t('month')} </span>
                {change(s.now, s.monthAgo)}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
