// Every react-query key, from one factory: ['<domain>', '<thing>', params]. Invalidating a
// domain (queryKeys.rules.all) refreshes everything under it.

export const queryKeys = {
  rules: {
    all: ['rules'] as const,
    state: () => ['rules', 'state'] as const,
    preview: (version: number, params: unknown) =>
      ['rules', 'preview', version, JSON.stringify(params)] as const,
  },
  chart: (area: string, chart: string, filters: unknown) =>
    ['chart', area, chart, filters] as const,
  growth: {
    valueFit: () => ['growth', 'value-fit'] as const,
  },
  posts: {
    views: (id: number) => ['posts', 'views', id] as const,
  },
  communities: {
    engagementsPerDay: (params: unknown) => ['communities', 'engagements-per-day', params] as const,
  },
  segments: {
    all: ['segments'] as const,
    page: (query: string) => ['segments', 'page', query] as const,
    count: (query: string) => ['segments', 'count', query] as const,
    saved: () => ['segments', 'saved'] as const,
  },
  fans: {
    all: ['fans'] as const,
    search: (q: string) => ['fans', 'search', q] as const,
    profile: (id: number) => ['fans', 'profile', id] as const,
    tags: (id: number) => ['fans', 'tags', id] as const,
    /** With the erasure time: an erasure shows as a new timeline at once. */
    timeline: (id: number, erasedAt: string | null = null) =>
      ['fans', 'timeline', id, erasedAt] as const,
    customers: (id: number) => ['fans', 'customers', id] as const,
  },
  settings: {
    all: ['settings'] as const,
    users: () => ['settings', 'users'] as const,
    sync: () => ['settings', 'sync'] as const,
    timeZones: () => ['settings', 'time-zones'] as const,
    replayProgress: () => ['settings', 'replay-progress'] as const,
    currencies: () => ['settings', 'currencies'] as const,
    webhooks: () => ['settings', 'webhooks'] as const,
  },
  audit: {
    all: ['audit'] as const,
    page: (params: unknown) => ['audit', 'page', params] as const,
  },
} as const;
