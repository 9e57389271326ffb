// GET /api/segments/count?<filters> – how many fans the segment holds
import { defineRoute } from '@/lib/api/define-route';
import { getDb } from '@/lib/server/db';
import { segmentFiltersSchema } from '@/lib/segments/filters';
import { countSegment } from '@/lib/segments/query';

export const dynamic = 'force-dynamic';

export const GET = defineRoute(
  { permission: 'segments', query: segmentFiltersSchema },
  async ({ query }) => ({ count: await countSegment(getDb(), query) }),
);
