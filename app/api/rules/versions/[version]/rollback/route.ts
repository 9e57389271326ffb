// POST /api/rules/versions/:version/rollback – {note}: publishes an earlier version's rules
// again as a new version, audited with the acting user. Admin and operator only.
import { guardRoute } from '@/lib/auth/guard';
import { rollbackTo } from '@/lib/lifecycle/rule-sets';
import { publishVersionHandler } from '../../../respond';

export const dynamic = 'force-dynamic';

export const POST = guardRoute('rules:write', publishVersionHandler(rollbackTo));
