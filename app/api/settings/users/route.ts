// GET /api/settings/users – the users; POST – add one {email, name, role, password}.
// Admins only; every addition is audited with the acting admin.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { getDb } from '@/lib/server/db';
import { listUserSettings } from '@/lib/settings/queries';
import { addUser } from '@/lib/settings/users';
import { jsonBody, settingsErrorResponse } from '../respond';

export const dynamic = 'force-dynamic';

export const GET = guardRoute('settings', async () =>
  NextResponse.json({ users: await listUserSettings(getDb()) }),
);

export const POST = guardRoute('settings', async (request, _context: unknown, actor) => {
  try {
    const user = await addUser(getDb(), await jsonBody(request), { actorUserId: actor.id });
    return NextResponse.json({ user }, { status: 201 });
  } catch (error) {
    return settingsErrorResponse(error);
  }
});
