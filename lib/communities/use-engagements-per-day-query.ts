import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../api/fetch';
import { queryKeys } from '../api/query-keys';
import type { GetEngagementsPerDayParams } from './schemas';
import type { EngagementsPerDayResponse } from './types';
import { retryUnlessRefused } from '../api/retry-unless-refused';

/** The API's address of the engagement chart for these params. */
export function engagementsPerDayUrl({ communityId, from, to }: GetEngagementsPerDayParams) {
  return `/api/communities/${communityId}/engagements-per-day?${new URLSearchParams({ from, to })}`;
}

export function useEngagementsPerDayQuery(params: GetEngagementsPerDayParams) {
  return useQuery({
    queryKey: queryKeys.communities.engagementsPerDay(params),
    queryFn: ({ signal }) =>
      apiFetch<EngagementsPerDayResponse>(engagementsPerDayUrl(params), { signal }),
    // Keep the previous range on screen while a new one loads, instead of a blank chart.
    placeholderData: keepPreviousData,
    retry: retryUnlessRefused,
  });
}
