// POST /api/rules/draft/:version/publish – {note}: publishes the draft, audited with the
// acting user; refused (409) when it is no longer a draft or another version was published
// since it started. Admin and operator only.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { publishDraft } from '@/lib/lifecycle/rule-sets';
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
    const published = await publishDraft(getDb(), {
      version,
      note: typeof note === 'string' ? note : '',
      actorUserId: user.id,
    });
    return NextResponse.json({ version: published.version });
  } catch (error) {
    return rulesErrorResponse(error);
  }
});
