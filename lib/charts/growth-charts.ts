import { getArpuChart } from '../growth/arpu';
import { getCohortRetention } from '../growth/cohorts';
import { getFunnel } from '../growth/funnel';
import { getPostPerformance } from '../growth/posts';
import { getStageOutcomes, horizons } from '../growth/stage-outcomes';
import { getSaveFirst, getValueByStage } from '../growth/value';
import { defineChart, ratio } from './define-chart';

/** The growth managers' charts (DESIGN §6, Funnel and retention), by URL name. */
export const growthCharts = {
  cohorts: defineChart({
    query: getCohortRetention,
    csv: (cohorts) => ({
      columns: ['cohort_week', 'cohort_fans', 'weeks_since_joining', 'engaged_fans', 'share'],
      rows: cohorts.flatMap((c) =>
        c.engaged.map((n, i) => [c.week, c.fans, i, n, ratio(n, c.fans)]),
      ),
    }),
  }),
  funnel: defineChart({
    query: getFunnel,
    csv: (f) => ({
      columns: ['step', 'fans', 'share_of_joined'],
      rows: (['joined', 'active', 'core', 'highValue'] as const).map((step) => [
        step === 'highValue' ? 'high_value' : step,
        f[step],
        ratio(f[step], f.joined),
      ]),
    }),
  }),
  'stage-outcomes': defineChart({
    query: getStageOutcomes,
    csv: (outcomes) => ({
      columns: [
        'stage',
        'horizon_days',
        'fans',
        'not_churned',
        'retention',
        'moved_up',
        'conversion',
      ],
      rows: outcomes.flatMap((o) =>
        horizons.map((h) => {
          const { fans, kept, better } = o.horizons[h];
          return [o.stage, h, fans, kept, ratio(kept, fans), better, ratio(better, fans)];
        }),
      ),
    }),
  }),
  arpu: defineChart({
    query: getArpuChart,
    csv: ({ months }) => ({
      columns: ['month', 'stage', 'fans', 'paying_fans', 'currency', 'revenue', 'arpu'],
      rows: months.flatMap((m) => {
        const entries = Object.entries(m.revenue);
        return entries.length === 0
          ? [[m.month, m.stage, m.fans, 0, null, 0, 0]]
          : entries.map(([currency, revenue]) => [
              m.month,
              m.stage,
              m.fans,
              m.payingFans,
              currency,
              revenue,
              ratio(revenue, m.fans),
            ]);
      }),
    }),
  }),
  'value-by-stage': defineChart({
    query: getValueByStage,
    csv: ({ stages, currency }) => ({
      columns: [
        'stage',
        'fans_with_customer',
        'fans_with_clv',
        'clv_12m_total',
        'clv_12m_mean',
        'revenue',
        'currency',
      ],
      rows: stages.map((s) => [
        s.stage,
        s.linkedFans,
        s.valuedFans,
        Math.round(s.clvTotal * 100) / 100,
        s.clvMean === null ? null : Math.round(s.clvMean * 100) / 100,
        s.revenue,
        currency,
      ]),
    }),
  }),
  // Names only for a role with fan lookup, as on the page.
  'save-first': defineChart({
    query: (db, filters, viewer) => getSaveFirst(db, filters, viewer),
    csv: ({ fans, currency }, { personal }) => ({
      columns: [
        'fan_id',
        ...(personal ? ['fan', 'username'] : []),
        'clv_12m',
        'p_alive',
        'last_purchase_at',
        'currency',
      ],
      rows: fans.map((f) => [
        f.fanId,
        ...(personal ? [f.name, f.username] : []),
        Math.round(f.clv12m * 100) / 100,
        f.pAlive === null ? null : Math.round(f.pAlive * 10_000) / 10_000,
        f.lastPurchaseAt,
        currency,
      ]),
    }),
  }),
  posts: defineChart({
    query: getPostPerformance,
    csv: ({ posts }) => ({
      columns: [
        'community',
        'message_id',
        'posted_at',
        'views',
        'forwards',
        'reactions',
        'comments',
        'known_followers',
        'views_per_follower',
        'text',
      ],
      rows: posts.map((p) => [
        p.communityTitle,
        p.messageId,
        p.postedAt,
        p.views,
        p.forwards,
        p.reactions,
        p.comments,
        p.followers,
        p.viewsPerFollower === null ? null : Math.round(p.viewsPerFollower * 100) / 100,
        p.text,
      ]),
    }),
  }),
};

export type GrowthChartName = keyof typeof growthCharts;
export const growthChartNames = Object.keys(growthCharts) as GrowthChartName[];
