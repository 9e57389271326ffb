// GET /api/rules/draft/:version/preview – how many fans would move from each stage to each
// other stage under the draft, with sample fans per cell; writes nothing (rules readers).
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/guard';
import { getPreview } from '@/lib/rules/queries';
import { getDb } from '@/lib/server/db';
import { rulesErrorResponse, versionParam, type VersionContext } from '../../../respond';

export const dynamic = 'force-dynamic';

export const GET = guardRoute('rules:read', async (_request, { params }: VersionContext) => {
  try {
    return NextResponse.json(await getPreview(getDb(), await versionParam(params)));
  } catch (error) {
    return rulesErrorResponse(error);
  }
});
