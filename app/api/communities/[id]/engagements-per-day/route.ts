// GET /api/communities/:id/engagements-per-day?from=YYYY-MM-DD&to=YYYY-MM-DD – daily engagement
import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { ApiError } from '@/lib/api/errors';
import { idSchema } from '@/lib/api/schemas';
import { getEngagementsPerDay } from '@/lib/communities/queries';
import { engagementsPerDayQuerySchema } from '@/lib/communities/schemas';
import type { EngagementsPerDayResponse } from '@/lib/communities/types';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute(
  {
    permission: 'overview',
    params: z.strictObject({ id: idSchema }),
    query: engagementsPerDayQuerySchema,
  },
  async ({ params, query }): Promise<EngagementsPerDayResponse> => {
    const range = { communityId: params.id, ...query };
    const days = await getEngagementsPerDay(getDb(), range);
    if (!days)
      throw new ApiError({ code: 'not_found', message: `Community ${params.id} not found` });
    return { ...range, days };
  },
);
