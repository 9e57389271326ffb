// POST /api/rules/draft/:version/publish – {note}: publishes the draft, audited with the
// acting user; refused (409) when it is no longer a draft or another version was published
// since it started. Admin and operator only.
import { guardRoute } from '@/lib/auth/guard';
import { publishDraft } from '@/lib/lifecycle/rule-sets';
import { publishVersionHandler } from '../../../respond';

export const dynamic = 'force-dynamic';

export const POST = guardRoute('rules:write', publishVersionHandler(publishDraft));
