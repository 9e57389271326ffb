'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, colouredTick, gridStroke } from '@/components/charts/chart-theme';
import { ChartPanel } from '@/components/charts/chart-panel';
import { DataTable } from '@/components/ui/data-table';
import type { GrowthFilters } from '@/lib/growth/filters';
import type { PostPerformance } from '@/lib/growth/posts';
import { PostViewsDialog } from './post-views-dialog';

const viewsColor = '#6366f1';
const ratioColor = '#d97706';

/**
 * Channel posts: views (bars) and views per known follower (line), oldest to newest. A
 * post (its bar, or its row in the table) opens its views over its first days.
 */
export function PostsPanel({ filters }: { filters: GrowthFilters }) {
  const t = useTranslations('growth.posts');
  const format = useFormatter();
  const [opened, setOpened] = useState<PostPerformance | null>(null);
  const when = (iso: string) =>
    format.dateTime(new Date(iso), {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
  const ratio = (v: number | null) =>
    v === null ? '–' : format.number(v, { maximumFractionDigits: 2 });
  return (
    <>
      {opened && <PostViewsDialog post={opened} onClose={() => setOpened(null)} />}
      <ChartPanel
        area="growth"
        chart="posts"
        filters={filters}
        title={t('title')}
        description={t('description')}
        className="lg:col-span-2"
        isEmpty={(d) => d.posts.length === 0}
        renderChart={({ posts }) => {
          const oldestFirst = [...posts].reverse();
          return (
            <div className="h-72 cursor-pointer">
              <ComposedChart
                responsive
                data={oldestFirst}
                // A click anywhere in a post's column (its bar, or the line across it) opens it.
                onClick={({ activeTooltipIndex: i }) => {
                  const post = i === undefined || i === null ? undefined : oldestFirst[Number(i)];
                  if (post) setOpened(post);
                }}
                margin={{ top: 8, right: 0, bottom: 0, left: 0 }}
                style={{ width: '100%', height: '100%' }}
                accessibilityLayer
              >
                <CartesianGrid stroke={gridStroke} vertical={false} />
                <XAxis
                  dataKey="postedAt"
                  tickFormatter={(v) =>
                    format.dateTime(new Date(String(v)), { month: 'short', day: 'numeric' })
                  }
                  tick={axisTick}
                  tickLine={false}
                  minTickGap={16}
                />
                <YAxis
                  yAxisId="views"
                  tickFormatter={(v) => format.number(Number(v), { notation: 'compact' })}
                  tick={colouredTick(viewsColor)}
                  tickLine={false}
                  axisLine={false}
                  width="auto"
                />
                <YAxis
                  yAxisId="ratio"
                  orientation="right"
                  tickFormatter={(v) => ratio(Number(v))}
                  tick={colouredTick(ratioColor)}
                  tickLine={false}
                  axisLine={false}
                  width="auto"
                />
                <Tooltip
                  labelFormatter={(l) => when(String(l))}
                  formatter={(v, name) =>
                    name === t('viewsPerFollower') ? ratio(Number(v)) : format.number(Number(v))
                  }
                />
                <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} />
                <Bar
                  yAxisId="views"
                  dataKey="views"
                  name={t('views')}
                  fill={viewsColor}
                  radius={[3, 3, 0, 0]}
                  maxBarSize={24}
                  isAnimationActive={false}
                />
                <Line
                  yAxisId="ratio"
                  dataKey="viewsPerFollower"
                  name={t('viewsPerFollower')}
                  stroke={ratioColor}
                  strokeWidth={2}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              </ComposedChart>
            </div>
          );
        }}
        renderTable={({ posts, truncated }) => (
          <>
            {truncated && <p className="mb-2 text-sm text-slate-500">{t('truncated')}</p>}
            <DataTable
              caption={t('title')}
              rowKey={(p: PostPerformance) => `${p.communityId}-${p.messageId}`}
              rows={posts}
              columns={[
                { key: 'at', header: t('postedAt'), cell: (p) => when(p.postedAt) },
                {
                  key: 'text',
                  header: t('post'),
                  align: 'left',
                  cell: (p) => (
                    <button
                      type="button"
                      data-testid={`post-open-${p.postId}`}
                      onClick={() => setOpened(p)}
                      title={t('open')}
                      className="block max-w-64 truncate text-left text-indigo-700 underline-offset-2 hover:underline"
                    >
                      {p.text || `#${p.messageId}`}
                    </button>
                  ),
                },
                { key: 'views', header: t('views'), cell: (p) => format.number(p.views) },
                { key: 'forwards', header: t('forwards'), cell: (p) => format.number(p.forwards) },
                {
                  key: 'reactions',
                  header: t('reactions'),
                  cell: (p) => format.number(p.reactions),
                },
                { key: 'comments', header: t('comments'), cell: (p) => format.number(p.comments) },
                {
                  key: 'followers',
                  header: t('followers'),
                  cell: (p) => (p.followers === null ? '–' : format.number(p.followers)),
                },
                {
                  key: 'vpf',
                  header: t('viewsPerFollower'),
                  cell: (p) => ratio(p.viewsPerFollower),
                },
              ]}
            />
          </>
        )}
      />
    </>
  );
}
