// POST /api/rules/versions/:version/rollback – {note}: publishes an earlier version's rules
// again as a new version, audited with the acting user. Admin and operator only.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { rollbackTo } from '@/lib/lifecycle/rule-sets';
import { getDb } from '@/lib/server/db';
import {
  jsonObject,
  rulesErrorResponse,
  versionParam,
  type VersionContext,
} from '../../../respond';

export const dynamic = 'force-dynamic';

export const POST = guardRoute('rules:write', async (request, { params }: VersionContext, user) => {
  try {
    const version = await versionParam(params);
    const { note } = await jsonObject(request);
    const published = await rollbackTo(getDb(), {
      version,
      note: typeof note === 'string' ? note : '',
      actorUserId: user.id,
    });
    return NextResponse.json({ version: published.version });
  } catch (error) {
    return rulesErrorResponse(error);
  }
});
