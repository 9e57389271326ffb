// PATCH /api/settings/users/:id – {role} or {disabled}. Admins only; audited with the acting
// admin; the user's sessions end. Refused (409) for disabling yourself or leaving no
// active admin. An admin changing their own role keeps this browser's session.
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/api/define-route';
import { renewSession } from '@/lib/auth/renew-session';
import { userChangeSchema, userIdParams } from '@/lib/auth/user-schemas';
import { changeUser } from '@/lib/auth/users';
import { getDb } from '@/lib/server/db';
import { toSetting } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

export const PATCH = defineRoute(
  { permission: 'settings', params: userIdParams, body: userChangeSchema },
  async ({ request, params, body, user: actor }) => {
    const changed = await changeUser(getDb(), params.id, body, { actorUserId: actor.id });
    const response = NextResponse.json({ user: toSetting(changed) });
    if (changed.id === actor.id && !changed.disabled)
      await renewSession(request, response, changed);
    return response;
  },
);
