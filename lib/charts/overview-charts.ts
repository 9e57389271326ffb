import { stages } from '../lifecycle/stage-names';
import {
  getLatestStageMoves,
  getStageCountsPerDay,
  getStageSummary,
  stageMovesLimit,
} from '../overview/queries';
import { defineChart } from './define-chart';

/** The overview's data (DESIGN §6, Overview), by URL name. */
export const overviewCharts = {
  'stage-summary': defineChart({
    query: getStageSummary,
    csv: ({ stages: rows }) => ({
      columns: ['stage', 'fans_now', 'fans_7_days_ago', 'fans_30_days_ago'],
      rows: rows.map((s) => [s.stage, s.now, s.weekAgo, s.monthAgo]),
    }),
  }),
  'stage-counts': defineChart({
    perCommunity: true,
    query: getStageCountsPerDay,
    csv: (days) => ({
      columns: ['day', ...stages],
      rows: days.map((d) => [d.day, ...stages.map((s) => d[s])]),
    }),
  }),
  'stage-moves': defineChart({
    query: (db, filters, { personal }) =>
      getLatestStageMoves(db, { ...filters, limit: stageMovesLimit, personal }),
    // Without fan lookup, the fan's number only (as on the page).
    csv: (moves, { personal }) => ({
      columns: [
        'changed_at',
        'fan_id',
        ...(personal ? ['fan', 'username'] : []),
        'from',
        'to',
        'rule',
        'rule_set_version',
      ],
      rows: moves.map((m) => [
        m.at,
        m.fanId,
        ...(personal ? [m.fanName, m.username] : []),
        m.from,
        m.to,
        m.rule,
        m.ruleSetVersion,
      ]),
    }),
  }),
};

export type OverviewChartName = keyof typeof overviewCharts;
