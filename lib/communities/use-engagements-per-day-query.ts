import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { communityQueryKeys } from './query-keys';
import type { GetEngagementsPerDayParams } from './schemas';
import type { EngagementsPerDayResponse } from './types';

async function fetchEngagementsPerDay(
  { communityId, from, to }: GetEngagementsPerDayParams,
  signal: AbortSignal,
): Promise<EngagementsPerDayResponse> {
  const search = new URLSearchParams({ from, to });
  const res = await fetch(`/api/communities/${communityId}/engagements-per-day?${search}`, {
    signal,
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `Request failed with status ${res.status}`);
  }
  return (await res.json()) as EngagementsPerDayResponse;
}

export function useEngagementsPerDayQuery(params: GetEngagementsPerDayParams) {
  return useQuery({
    queryKey: communityQueryKeys.engagementsPerDay(params),
    queryFn: ({ signal }) => fetchEngagementsPerDay(params, signal),
    // Keep the previous range on screen while a new one loads, instead of a blank chart.
    placeholderData: keepPreviousData,
  });
}
