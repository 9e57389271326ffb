// GET /api/overview/:chart?community=all|<id>&from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]
import { guardRoute } from '@/lib/auth/guard';
import { overviewCharts } from '@/lib/charts/overview-charts';
import { chartResponse } from '@/lib/server/chart-route';

export const dynamic = 'force-dynamic';

export const GET = guardRoute(
  'overview',
  async (request, { params }: { params: Promise<{ chart: string }> }) =>
    chartResponse(overviewCharts, (await params).chart, request),
);
