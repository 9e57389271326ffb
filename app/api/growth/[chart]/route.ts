// GET /api/growth/:chart?community=all|<id>&from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]
import { guardRoute } from '@/lib/auth/guard';
import { growthCharts } from '@/lib/charts/growth-charts';
import { chartResponse } from '@/lib/server/chart-route';

export const dynamic = 'force-dynamic';

export const GET = guardRoute(
  'growth',
  async (request, { params }: { params: Promise<{ chart: string }> }) =>
    chartResponse(growthCharts, (await params).chart, request),
);
