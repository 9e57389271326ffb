// DELETE /api/segments/saved/:id
import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { ApiError } from '@/lib/api/errors';
import { idSchema } from '@/lib/api/schemas';
import { getDb } from '@/lib/server/db';
import { deleteSegment } from '@/lib/segments/saved';

export const dynamic = 'force-dynamic';

export const DELETE = defineRoute(
  { permission: 'segments', params: z.strictObject({ id: idSchema }) },
  async ({ params, user }) => {
    const deleted = await getDb().transaction((tx) =>
      deleteSegment(tx, { id: params.id, userId: user.id }),
    );
    if (!deleted)
      throw new ApiError({ code: 'not_found', message: `Segment ${params.id} not found` });
    return new Response(null, { status: 204 });
  },
);
