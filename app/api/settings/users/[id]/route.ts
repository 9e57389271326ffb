// PATCH /api/settings/users/:id – {role} or {disabled}. Admins only; audited with the acting
// admin. Refused (409) for disabling yourself or leaving no active admin.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/server/db';
import { changeUser, parseUserId, SettingsError } from '@/lib/settings/users';
import { jsonBody, settingsErrorResponse } from '../../respond';

export const dynamic = 'force-dynamic';

export const PATCH = guardRoute(
  'settings',
  async (request, { params }: { params: Promise<{ id: string }> }, actor) => {
    try {
      const raw = (await params).id;
      const id = parseUserId(raw);
      if (id === null) throw new SettingsError('not_found', `No user with id ${raw}`);
      const user = await changeUser(getDb(), id, await jsonBody(request), {
        actorUserId: actor.id,
      });
      return NextResponse.json({ user });
    } catch (error) {
      return settingsErrorResponse(error);
    }
  },
);
