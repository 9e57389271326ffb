// GET /api/overview/:chart?community=all|<id>&from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]
import { overviewCharts } from '@/lib/charts/overview-charts';
import { chartRoute } from '@/lib/server/chart-route';

export const dynamic = 'force-dynamic';

export const GET = chartRoute('overview', overviewCharts, 'overview');
