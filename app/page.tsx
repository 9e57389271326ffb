import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { CommunityHeader } from '@/components/communities/community-header';
import { CommunityTabs } from '@/components/communities/community-tabs';
import { EngagementView } from '@/components/communities/engagement-view';
import { SummaryCards } from '@/components/communities/summary-cards';
import { EmptyState } from '@/components/empty-state';
import { StageCards } from '@/components/overview/stage-cards';
import { StageCountsPanel } from '@/components/overview/stage-counts-panel';
import { StageMoves } from '@/components/overview/stage-moves';
import { UnlinkedRevenueCard } from '@/components/overview/unlinked-revenue';
import { queryKeys } from '@/lib/api/query-keys';
import { requirePermission } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { overviewCharts } from '@/lib/charts/overview-charts';
import { todayIn } from '@/lib/communities/dates';
import {
  getCommunitySummary,
  getEngagementsPerDay,
  listCommunities,
} from '@/lib/communities/queries';
import { defaultRangeDays, rangeParams } from '@/lib/communities/ranges';
import { communityIdSchema } from '@/lib/communities/schemas';
import { getStageSummary, stageMovesFilters } from '@/lib/overview/queries';
import { getUnlinkedRevenue } from '@/lib/overview/unlinked-revenue';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

interface HomePageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function HomePage({ searchParams }: HomePageProps) {
  const user = await requirePermission('overview', { otherwise: 'home' });
  const db = getDb();
  const [list, { community }] = await Promise.all([listCommunities(db), searchParams]);
  if (list.length === 0) return <NoData />;

  // No ?community= means the first one; one that is malformed or unknown is a 404.
  const requested =
    community === undefined ? list[0]?.id : communityIdSchema.safeParse(community).data;
  const selected = list.find((c) => c.id === requested);
  if (!selected) notFound();

  const today = todayIn(selected.timeZone);
  const params = rangeParams(selected.id, today, defaultRangeDays);
  const moves = stageMovesFilters(selected.id, today);
  const queryClient = new QueryClient();
  const [summary, stageSummary, unlinked] = await Promise.all([
    getCommunitySummary(db, { communityId: selected.id }),
    getStageSummary(db, { communityId: selected.id }),
    getUnlinkedRevenue(db),
    // Prefetched under the hooks' keys by the same query functions as their APIs, so the
    // first HTML has the numbers and the browser refetches the same list from the API.
    queryClient.prefetchQuery({
      queryKey: queryKeys.chart('overview', 'stage-moves', moves),
      queryFn: () =>
        overviewCharts['stage-moves'].query(db, moves, { personal: can(user.role, 'fans') }),
    }),
    queryClient.prefetchQuery({
      queryKey: queryKeys.communities.engagementsPerDay(params),
      queryFn: async () => ({ ...params, days: (await getEngagementsPerDay(db, params)) ?? [] }),
    }),
  ]);
  if (!summary) notFound();

  return (
    <div className="flex flex-col gap-6">
      <CommunityTabs communities={list} selectedId={selected.id} />
      <CommunityHeader summary={summary} />
      <SummaryCards summary={summary} />
      <StageCards summary={stageSummary} />
      <StageCountsPanel communityId={selected.id} today={today} />
      <UnlinkedRevenueCard revenue={unlinked} settingsLink={can(user.role, 'settings')} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <StageMoves filters={moves} />
        <EngagementView communityId={selected.id} today={today} />
      </HydrationBoundary>
    </div>
  );
}

async function NoData() {
  const t = await getTranslations('empty');
  return (
    <EmptyState
      testId="empty-state"
      title={t.rich('title', {
        code: (chunks) => (
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.9em] whitespace-nowrap">
            {chunks}
          </code>
        ),
      })}
    >
      {t('body')}
    </EmptyState>
  );
}
