// GET /api/posts/:id/views – a post's views, forwards, reactions and comments over its first
// days (one reading an hour, from its snapshots), for the growth page's posts.
import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { ApiError } from '@/lib/api/errors';
import { idSchema } from '@/lib/api/schemas';
import { getPostViews } from '@/lib/growth/post-views';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const GET = defineRoute(
  { permission: 'growth', params: z.object({ id: idSchema }) },
  async ({ params }) => {
    const views = await getPostViews(getDb(), params.id);
    if (!views) throw new ApiError({ code: 'not_found', message: `No post #${params.id}` });
    return views;
  },
);
