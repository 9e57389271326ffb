import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { SettingsError } from '@/lib/settings/users';

const statusOf: Record<SettingsError['code'], number> = {
  invalid: 400,
  not_found: 404,
  duplicate_email: 409,
  self_disable: 409,
  last_admin: 409,
};

/** A refused change as JSON {error, code, fields}; the page shows its own words for `code`. */
export function settingsErrorResponse(error: unknown): Response {
  if (!(error instanceof SettingsError)) throw error;
  return NextResponse.json(
    { error: error.message, code: error.code, fields: error.fields },
    { status: statusOf[error.code] },
  );
}

/** The request's JSON body, or a SettingsError when it is not JSON. */
export async function jsonBody(request: NextRequest): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new SettingsError('invalid', 'Invalid request: the body must be JSON');
  }
}
