import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Executor } from '../../db/client';
import { fieldIssuesOf, summarizeIssues } from '../api/errors';
import { recordAudit } from '../audit/record-audit';
import { openSecret, sealSecret } from '../secrets/secret-box';
import { notConfigured, WebhookError } from './errors';
import { newSourceSchema, rotateSchema, type NewSource, type Rotation } from './schemas';
import { newWebhookSecret } from './signature';
import type { WebhookSecretState, WebhookSourceSetting } from './types';

// The purchase webhook's sources and their signing secrets, in one place for the Settings
// routes and `npm run webhooks`: add (a secret made and answered once), rotate (a new
// secret; the old ones sign on for the overlap), revoke. Secrets are stored only encrypted
// under APP_SECRET; every change is audited, never with a secret. Pure of Next.

interface Actor {
  /** The admin who asked, or null for the CLI. */
  actorUserId?: number | null;
}

function parsed<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldIssuesOf(result.error);
  throw new WebhookError('invalid', `Invalid ${what}: ${summarizeIssues(fields)}`, fields);
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

const uniqueViolation = (error: unknown): boolean =>
  error instanceof Error &&
  ((error as { code?: string }).code === '23505' ||
    (error.cause as { code?: string } | undefined)?.code === '23505');

/** Every source (or the one with `id`), its secrets newest first, never their values. */
export async function listWebhookSources(
  db: Executor,
  id: number | null = null,
): Promise<WebhookSourceSetting[]> {
  const rows = await db.execute<{
    id: number;
    name: string;
    created_at: Date | string;
    created_by: string | null;
    revoked_at: Date | string | null;
    secrets: {
      id: number;
      created_at: string;
      valid_until: string | null;
      state: WebhookSecretState;
    }[];
  }>(sql`
    select s.id, s.name, s.created_at, u.name as created_by, s.revoked_at,
      coalesce((
        select json_agg(json_build_object(
          'id', k.id, 'created_at', k.created_at, 'valid_until', k.valid_until,
          'state', case when k.valid_until is null then 'valid'
            when k.valid_until > now() then 'ending' else 'ended' end)
          order by k.created_at desc, k.id desc)
        from webhook_secrets k where k.source_id = s.id
      ), '[]'::json) as secrets
    from webhook_sources s
    left join users u on u.id = s.created_by_user_id
    where ${id === null ? sql`true` : sql`s.id = ${id}`}
    order by s.revoked_at is not null, lower(s.name), s.id`);
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by,
    revokedAt: iso(r.revoked_at),
    secrets: r.secrets.map((k) => ({
      id: Number(k.id),
      createdAt: iso(k.created_at)!,
      validUntil: iso(k.valid_until),
      state: k.state,
    })),
  }));
}

async function sourceById(db: Executor, id: number): Promise<WebhookSourceSetting> {
  const [source] = await listWebhookSources(db, id);
  if (!source) throw new WebhookError('not_found', `No webhook source with id ${id}`);
  return source;
}

/** The id of the source named `name` (in any case), for the CLI. */
export async function findWebhookSourceId(db: Executor, name: string): Promise<number> {
  const [row] = await db.execute<{ id: number }>(
    sql`select id from webhook_sources where lower(name) = lower(${name.trim()})`,
  );
  if (!row) throw new WebhookError('not_found', `No webhook source named ${name.trim()}`);
  return Number(row.id);
}

async function storeSecret(tx: Executor, sourceId: number, appSecret: string): Promise<string> {
  const secret = newWebhookSecret();
  await tx.execute(sql`insert into webhook_secrets (source_id, ciphertext)
    values (${sourceId}, ${sealSecret('webhook-secret', secret, appSecret)})`);
  return secret;
}

/**
 * Adds a source with a new secret, answered here once. The name is new in any case, revoked
 * sources included (they keep their delivered events). Throws WebhookError `invalid`,
 * `duplicate_name` or `not_configured` (no APP_SECRET).
 */
export async function addWebhookSource(
  db: Database,
  input: NewSource,
  appSecret: string | null,
  { actorUserId = null }: Actor = {},
): Promise<{ source: WebhookSourceSetting; secret: string }> {
  const { name } = parsed(newSourceSchema, input, 'source');
  if (!appSecret) throw notConfigured();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.execute<{ id: number }>(sql`
        insert into webhook_sources (name, created_by_user_id) values (${name}, ${actorUserId})
        returning id`);
      const id = Number(row!.id);
      const secret = await storeSecret(tx, id, appSecret);
      await recordAudit(tx, {
        actorUserId,
        action: 'webhook_source.create',
        entity: 'webhook_source',
        entityId: id,
        after: { name },
      });
      return { source: await sourceById(tx, id), secret };
    });
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
    throw new WebhookError('duplicate_name', `A webhook source named ${name} already exists`, [
      { path: 'name', code: 'duplicate_name', message: 'is taken' },
    ]);
  }
}

async function lockedSource(tx: Executor, id: number) {
  const [row] = await tx.execute<{ name: string; revoked_at: Date | null }>(
    sql`select name, revoked_at from webhook_sources where id = ${id} for update`,
  );
  if (!row) throw new WebhookError('not_found', `No webhook source with id ${id}`);
  return row;
}

/**
 * Gives a source a new secret, answered here once; its secrets that still sign keep
 * signing for `overlapHours` (0: they stop now), never longer than they would have.
 */
export async function rotateWebhookSecret(
  db: Database,
  id: number,
  input: Rotation,
  appSecret: string | null,
  { actorUserId = null }: Actor = {},
): Promise<{ source: WebhookSourceSetting; secret: string }> {
  const { overlapHours } = parsed(rotateSchema, input, 'rotation');
  if (!appSecret) throw notConfigured();
  return db.transaction(async (tx) => {
    const source = await lockedSource(tx, id);
    if (source.revoked_at)
      throw new WebhookError('revoked', `The webhook source ${source.name} is revoked`);
    const ended = await tx.execute<{ id: number; valid_until: Date | string }>(sql`
      update webhook_secrets set valid_until = least(
        coalesce(valid_until, 'infinity'::timestamptz), now() + make_interval(hours => ${overlapHours}::int))
      where source_id = ${id} and (valid_until is null or valid_until > now())
      returning id, valid_until`);
    const secret = await storeSecret(tx, id, appSecret);
    await recordAudit(tx, {
      actorUserId,
      action: 'webhook_source.rotate',
      entity: 'webhook_source',
      entityId: id,
      after: {
        name: source.name,
        overlapHours,
        previousSecretsValidUntil: ended.map((r) => iso(r.valid_until)),
      },
    });
    return { source: await sourceById(tx, id), secret };
  });
}

/** Revokes a source: none of its secrets signs any more. Revoking it again changes nothing. */
export async function revokeWebhookSource(
  db: Database,
  id: number,
  { actorUserId = null }: Actor = {},
): Promise<WebhookSourceSetting> {
  return db.transaction(async (tx) => {
    const source = await lockedSource(tx, id);
    if (!source.revoked_at) {
      await tx.execute(sql`update webhook_sources set revoked_at = now() where id = ${id}`);
      await recordAudit(tx, {
        actorUserId,
        action: 'webhook_source.revoke',
        entity: 'webhook_source',
        entityId: id,
        after: { name: source.name },
      });
    }
    return sourceById(tx, id);
  });
}

/** The secrets that sign now, of sources not revoked, decrypted. */
export async function signingSecrets(
  db: Executor,
  appSecret: string,
): Promise<{ sourceId: number; secret: string }[]> {
  const rows = await db.execute<{ source_id: number; ciphertext: Buffer }>(sql`
    select k.source_id, k.ciphertext from webhook_secrets k
    join webhook_sources s on s.id = k.source_id
    where s.revoked_at is null and (k.valid_until is null or k.valid_until > now())
    order by k.id`);
  return rows.map((r) => ({
    sourceId: Number(r.source_id),
    secret: openSecret('webhook-secret', r.ciphertext, appSecret),
  }));
}
