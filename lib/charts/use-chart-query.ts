import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../api/fetch';
import { queryKeys } from '../api/query-keys';
import type { GrowthFilters } from '../growth/filters';
import type { growthCharts } from './growth-charts';
import type { overviewCharts } from './overview-charts';
import { retryUnlessRefused } from '../api/retry-unless-refused';

type Registries = { growth: typeof growthCharts; overview: typeof overviewCharts };
export type ChartArea = keyof Registries;
export type ChartName<A extends ChartArea> = keyof Registries[A] & string;
export type ChartData<A extends ChartArea, N extends ChartName<A>> = Awaited<
  ReturnType<Registries[A][N] extends { query: (...args: never[]) => infer R } ? () => R : never>
>;

/** The chart's API address for these filters; `csv` for the download link. */
export function chartUrl(
  area: ChartArea,
  chart: string,
  { communityId, from, to }: GrowthFilters,
  format: 'json' | 'csv' = 'json',
): string {
  const search = new URLSearchParams({
    community: communityId === 0 ? 'all' : String(communityId),
    from,
    to,
  });
  if (format === 'csv') search.set('format', 'csv');
  return `/api/${area}/${chart}?${search}`;
}

export function useChartQuery<A extends ChartArea, N extends ChartName<A>>(
  area: A,
  chart: N,
  filters: GrowthFilters,
) {
  return useQuery({
    queryKey: queryKeys.chart(area, chart, filters),
    queryFn: async ({ signal }): Promise<ChartData<A, N>> =>
      (await apiFetch<{ data: ChartData<A, N> }>(chartUrl(area, chart, filters), { signal })).data,
    // Keep the previous numbers on screen while new filters load, instead of a blank chart.
    placeholderData: keepPreviousData,
    retry: retryUnlessRefused,
  });
}
