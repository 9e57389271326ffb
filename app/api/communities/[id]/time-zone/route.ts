// PATCH /api/communities/:id/time-zone – {timeZone}: an IANA name Postgres knows. Admins only;
// audited. Recounts the community's fan_daily in the new zone and queues its fans for a
// history replay, which the worker runs in the background (GET /api/settings/replay-progress).
// The same zone again changes nothing.
import { z } from 'zod';
import { defineRoute } from '@/lib/api/define-route';
import { idSchema } from '@/lib/api/schemas';
import { timeZoneChangeSchema } from '@/lib/communities/schemas';
import { setCommunityTimeZone } from '@/lib/communities/time-zone';
import { getDb } from '@/lib/server/db';

export const dynamic = 'force-dynamic';

export const PATCH = defineRoute(
  {
    permission: 'settings',
    params: z.strictObject({ id: idSchema }),
    body: timeZoneChangeSchema,
  },
  async ({ params, body, user }) => {
    const { community, before, changed, fanDays, queuedFans } = await setCommunityTimeZone(
      getDb(),
      { communityId: params.id, timeZone: body.timeZone, actorUserId: user.id },
    );
    return { community, before, changed, fanDays, queuedFans };
  },
);
