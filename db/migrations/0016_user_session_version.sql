-- Each user's session version: every session token carries the version it was issued under,
-- and a token of an older version is refused. Signing out, disabling, enabling, a role
-- change and a password change or reset raise it, which ends every earlier session.
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 1 NOT NULL;
