import { z } from 'zod';
import type { Database } from '../db/client';
import { appSecretOf } from '../lib/env';
import { WebhookError } from '../lib/webhooks/errors';
import { maxOverlapHours } from '../lib/webhooks/types';
import {
  addWebhookSource,
  findWebhookSourceId,
  listWebhookSources,
  revokeWebhookSource,
  rotateWebhookSecret,
} from '../lib/webhooks/sources';
import { parseCliArgs, printTable, runCli, withDatabase } from './cli';

// npm run webhooks -- add --name <source> | list | rotate --name <source> [--overlap-hours N]
// | revoke --name <source>
// The purchase webhook's sources (README "Purchase webhook"), in DATABASE_URL's database
// (else the embedded one), through the same module as the Settings page
// (lib/webhooks/sources.ts): secrets printed once and stored encrypted under APP_SECRET,
// every change audited (as no one).

const usage = [
  'usage: npm run webhooks -- add --name <source>',
  '       npm run webhooks -- list',
  `       npm run webhooks -- rotate --name <source> [--overlap-hours <0-${maxOverlapHours}>]`,
  '       npm run webhooks -- revoke --name <source>',
  'add and rotate print the new signing secret once; after a rotation the previous secret',
  'keeps signing for the overlap (default 24 hours; 0 stops it at once).',
].join('\n');

const name = z.string({ error: 'is required' }).trim().min(1, 'is required');

const endpoint = () =>
  process.env.NEXTAUTH_URL
    ? new URL('/api/webhooks/purchases', process.env.NEXTAUTH_URL).toString()
    : '<the dashboard’s URL>/api/webhooks/purchases';

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Runs a source change; a refusal prints its message and exits with 2 (1 without APP_SECRET). */
async function write<T>(work: (db: Database) => Promise<T>): Promise<T> {
  return withDatabase(2, async ({ db }) => {
    try {
      return await work(db);
    } catch (error) {
      if (!(error instanceof WebhookError)) throw error;
      console.error(error.message);
      for (const field of error.fields)
        if (field.path) console.error(`  --${field.path}: ${field.message}`);
      process.exit(error.code === 'not_configured' ? 1 : 2);
    }
  });
}

function printSecret(secret: string) {
  console.log(`Secret (shown once, keep it safe): ${secret}`);
}

async function add(args: string[]) {
  const flags = parseCliArgs({ name: { type: 'string' } }, z.object({ name }), args);
  const { source, secret } = await write((db) =>
    addWebhookSource(db, { name: flags.name }, appSecretOf()),
  );
  console.log(`Added the webhook source ${source.name} (id ${source.id}).`);
  printSecret(secret);
  console.log(
    `It signs purchases sent to POST ${endpoint()} with the header\n` +
      `  X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>`,
  );
}

async function rotate(args: string[]) {
  const flags = parseCliArgs(
    { name: { type: 'string' }, 'overlap-hours': { type: 'string' } },
    z.object({
      name,
      'overlap-hours': z.coerce
        .number({ error: 'must be a whole number of hours' })
        .int('must be a whole number of hours')
        .min(0, 'must be at least 0')
        .max(maxOverlapHours, `must be at most ${maxOverlapHours}`)
        .optional(),
    }),
    args,
  );
  const overlapHours = flags['overlap-hours'];
  const { source, secret } = await write(async (db) =>
    rotateWebhookSecret(
      db,
      await findWebhookSourceId(db, flags.name),
      overlapHours === undefined ? {} : { overlapHours },
      appSecretOf(),
    ),
  );
  console.log(`New secret for the webhook source ${source.name} (id ${source.id}).`);
  printSecret(secret);
  const ending = source.secrets.filter((s) => s.state === 'ending');
  if (ending.length > 0)
    console.log(
      `The previous secret keeps signing until ${utc(ending[0]!.validUntil!)}: ` +
        'switch the sender to the new one before then.',
    );
  else console.log('The previous secret no longer signs.');
}

async function revoke(args: string[]) {
  const flags = parseCliArgs({ name: { type: 'string' } }, z.object({ name }), args);
  const source = await write(async (db) =>
    revokeWebhookSource(db, await findWebhookSourceId(db, flags.name)),
  );
  console.log(
    `Revoked the webhook source ${source.name} (id ${source.id}) at ${utc(source.revokedAt!)}: ` +
      'its deliveries are refused.',
  );
}

async function list() {
  const sources = await withDatabase(1, ({ db }) => listWebhookSources(db));
  if (sources.length === 0) return console.log('No webhook sources yet.');
  const secretsOf = (secrets: (typeof sources)[number]['secrets']) =>
    secrets
      .filter((s) => s.state !== 'ended')
      .map((s) => (s.state === 'valid' ? 'valid' : `valid until ${utc(s.validUntil!)}`))
      .join('; ') || 'none';
  printTable(
    ['id', 'name', 'status', 'signing secrets', 'created (UTC)'],
    sources.map((s) => [
      String(s.id),
      s.name,
      s.revokedAt ? `revoked ${utc(s.revokedAt)}` : 'active',
      s.revokedAt ? 'none' : secretsOf(s.secrets),
      utc(s.createdAt).replace(' UTC', ''),
    ]),
  );
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'add') return add(args);
  if (command === 'list' && args.length === 0) return list();
  if (command === 'rotate') return rotate(args);
  if (command === 'revoke') return revoke(args);
  console.error(usage);
  process.exit(2);
}

runCli(main);
