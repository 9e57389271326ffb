import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { Database } from '@/db/client';
import type { SessionUser } from '@/lib/auth/guard';
import { RuleSetError } from '@/lib/lifecycle/errors';
import { getDb } from '@/lib/server/db';
import { parseVersion } from '@/lib/rules/queries';
import type { RulesErrorBody } from '@/lib/rules/types';

const statusOf: Record<RuleSetError['code'], number> = {
  invalid: 400,
  not_found: 404,
  not_draft: 409,
  stale_draft: 409,
};

/** A refused rule change as JSON {error, code, fields}; anything else is a real failure. */
export function rulesErrorResponse(error: unknown): Response {
  if (!(error instanceof RuleSetError)) throw error;
  return NextResponse.json(
    { error: error.message, code: error.code, fields: error.fields } satisfies RulesErrorBody,
    { status: statusOf[error.code] },
  );
}

/** The request's JSON body as an object, or a RuleSetError when it is not one. */
export async function jsonObject(request: NextRequest): Promise<Record<string, unknown>> {
  const body: unknown = await request.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new RuleSetError('invalid', 'Invalid request: the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** The [version] segment of the URL, or a RuleSetError (404) when it is not a version. */
export async function versionParam(params: Promise<{ version: string }>): Promise<number> {
  const raw = (await params).version;
  const version = parseVersion(raw);
  if (version === null) throw new RuleSetError('not_found', `No rule set version ${raw}`);
  return version;
}

export type VersionContext = { params: Promise<{ version: string }> };

/** Publishes a version's rules as the acting user, with the person's note. */
type PublishVersion = (
  db: Database,
  input: { version: number; note: string; actorUserId: number },
) => Promise<{ version: number }>;

/**
 * The handler behind POST …/:version/publish and …/:version/rollback (wrap it in
 * guardRoute): {note} from the body, `publish` run for the [version] as the acting user,
 * and {version} of the version now published; a refusal as rulesErrorResponse.
 */
export function publishVersionHandler(publish: PublishVersion) {
  return async (request: NextRequest, { params }: VersionContext, user: SessionUser) => {
    try {
      const version = await versionParam(params);
      const { note } = await jsonObject(request);
      const published = await publish(getDb(), {
        version,
        note: typeof note === 'string' ? note : '',
        actorUserId: user.id,
      });
      return NextResponse.json({ version: published.version });
    } catch (error) {
      return rulesErrorResponse(error);
    }
  };
}
