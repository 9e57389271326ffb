import type { GetEngagementsPerDayParams } from './schemas';

// Shared by the server's prefetch and the browser's hooks, so hydration finds its data.
export const communityQueryKeys = {
  engagementsPerDay: (params: GetEngagementsPerDayParams) =>
    ['communities', 'engagements-per-day', params] as const,
};
