// GET /api/settings/users – the users; POST – add one {email, name, role, password}.
// Admins only; every addition is audited with the acting admin.
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/api/define-route';
import { newUserSchema } from '@/lib/auth/user-schemas';
import { createUser } from '@/lib/auth/users';
import { getDb } from '@/lib/server/db';
import { listUserSettings, toSetting } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

export const GET = defineRoute({ permission: 'settings' }, async () => ({
  users: await listUserSettings(getDb()),
}));

export const POST = defineRoute(
  { permission: 'settings', body: newUserSchema },
  async ({ body, user: actor }) => {
    const user = await createUser(getDb(), body, { actorUserId: actor.id });
    return NextResponse.json({ user: toSetting(user) }, { status: 201 });
  },
);
