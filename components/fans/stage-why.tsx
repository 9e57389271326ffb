import { getFormatter, getTranslations } from 'next-intl/server';
import type { FanProfile } from '@/lib/fans/profile';
import type { StageWhy } from '@/lib/fans/why';
import { StageBadge } from '@/components/stage-badge';

/**
 * The fan's stage and why: the rule that matched and each deciding comparison (value,
 * threshold, the rule setting behind it), worded from the engine's conditions.
 */
export async function StageWhyView({
  stage,
  why,
}: {
  stage: FanProfile['stage'];
  why: StageWhy | null;
}) {
  const [t, tStage, format] = await Promise.all([
    getTranslations('fans.why'),
    getTranslations('stages'),
    getFormatter(),
  ]);
  const shown = why?.stage ?? stage?.stage;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' });
  return (
    <div data-testid="fan-why" className="flex flex-col gap-3 text-sm">
      {shown && (
        <div className="flex flex-wrap items-center gap-2">
          <StageBadge stage={shown} label={tStage(shown)} />
          {stage && stage.stage === shown && (
            <span className="text-slate-500">{t('since', { date: date(stage.since) })}</span>
          )}
        </div>
      )}
      {why ? (
        <>
          <p data-testid="fan-why-rule" className="font-medium text-slate-900">
            {t(`rules.${why.rule}`)}
          </p>
          {why.conditions.length > 0 && (
            <ul data-testid="fan-why-conditions" className="flex flex-col gap-1.5">
              {why.conditions.map((c, i) => (
                <li
                  key={i}
                  className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 rounded-lg bg-slate-50 px-3 py-2"
                >
                  <span className="text-slate-700">
                    {t(`features.${c.feature}`)}:{' '}
                    <span className="font-semibold text-slate-900 tabular-nums">
                      {format.number(c.value, { maximumFractionDigits: 2 })}
                    </span>{' '}
                    <span className="text-slate-500">
                      (
                      {t(`comparison.${c.comparison}`, {
                        threshold: format.number(c.threshold, { maximumFractionDigits: 2 }),
                      })}
                      )
                    </span>
                  </span>
                  <span className="text-xs text-slate-400" title={t('param')}>
                    {c.params.map((p) => (
                      <code key={p} className="ml-1 first:ml-0">
                        {p}
                      </code>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="text-xs text-slate-500">
            {t('asOf', {
              date: format.dateTime(new Date(why.asOf), {
                dateStyle: 'medium',
                timeStyle: 'short',
              }),
              version: why.ruleSetVersion,
            })}
          </p>
          {stage && stage.stage !== why.stage && (
            <p className="text-xs text-slate-500">
              {t('recorded', { stage: tStage(stage.stage) })}
            </p>
          )}
        </>
      ) : (
        <p className="text-slate-500">{t('noFacts')}</p>
      )}
    </div>
  );
}
