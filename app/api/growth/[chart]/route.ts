// GET /api/growth/:chart?community=all|<id>&from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]
import { growthCharts } from '@/lib/charts/growth-charts';
import { chartRoute } from '@/lib/server/chart-route';

export const dynamic = 'force-dynamic';

export const GET = chartRoute('growth', growthCharts, 'growth');
