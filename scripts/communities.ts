import { z } from 'zod';
import type { Database } from '../db/client';
import { timeZoneNameSchema } from '../lib/api/schemas';
import { CommunityError } from '../lib/communities/errors';
import { listCommunities } from '../lib/communities/queries';
import { setCommunityTimeZone } from '../lib/communities/time-zone';
import type { CommunityListItem } from '../lib/communities/types';
import { parseCliPositionals, printTable, runCli, withDatabase } from './cli';

// npm run communities -- list
// npm run communities -- time-zone <community id or @username> <IANA zone>
// The communities in DATABASE_URL's database (else the embedded one). A time zone change
// goes through the same module as Settings (lib/communities/time-zone.ts): checked against
// Postgres's zones, the community's days recounted, audited (as no one), and its fans queued
// for the history replay that the worker runs.

const usage = [
  'usage: npm run communities -- list',
  '       npm run communities -- time-zone <community id or @username> <IANA zone, e.g. Asia/Shanghai>',
].join('\n');

const communityRef = z
  .string()
  .regex(/^(?:[1-9][0-9]{0,15}|@[A-Za-z0-9_]{1,64})$/, 'must be a community id or @username');

function findCommunity(all: CommunityListItem[], ref: string): CommunityListItem {
  const found = ref.startsWith('@')
    ? all.find((c) => c.username?.toLowerCase() === ref.slice(1).toLowerCase())
    : all.find((c) => c.id === Number(ref));
  if (!found)
    throw new CommunityError(
      'not_found',
      ref.startsWith('@') ? `No community ${ref}` : `No community with id ${ref}`,
    );
  return found;
}

/** Runs a community change; a refusal prints its message and exits with 2. */
async function write<T>(work: (db: Database) => Promise<T>): Promise<T> {
  return withDatabase(2, async ({ db }) => {
    try {
      return await work(db);
    } catch (error) {
      if (!(error instanceof CommunityError)) throw error;
      console.error(error.message);
      process.exit(2);
    }
  });
}

async function timeZone(args: string[]) {
  const input = parseCliPositionals(
    ['community', 'zone'],
    z.object({ community: communityRef, zone: timeZoneNameSchema }),
    args,
    usage,
  );
  const result = await write(async (db) => {
    const community = findCommunity(await listCommunities(db), input.community);
    return setCommunityTimeZone(db, {
      communityId: community.id,
      timeZone: input.zone,
      actorUserId: null,
    });
  });
  const { community } = result;
  const name = `${community.title} (id ${community.id})`;
  if (!result.changed)
    return console.log(`${name} is already in ${community.timeZone}: nothing changed.`);
  const count = (n: number, what: string) =>
    `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`;
  console.log(`${name}: time zone ${result.before} → ${community.timeZone}.`);
  console.log(
    `Recounted ${count(result.fanDays, 'fan-day')}; ${count(result.queuedFans, 'fan')} queued ` +
      'for a history replay, which the worker runs (Settings shows its progress).',
  );
}

async function list() {
  const communities = await withDatabase(1, ({ db }) => listCommunities(db));
  if (communities.length === 0) return console.log('No communities yet.');
  const rows = communities.map((c) => [
    String(c.id),
    c.kind,
    c.timeZone,
    c.username ? `@${c.username}` : '',
    c.title,
  ]);
  printTable(['id', 'kind', 'time zone', 'username', 'title'], rows);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'list' && args.length === 0) return list();
  if (command === 'time-zone') return timeZone(args);
  console.error(usage);
  process.exit(2);
}

runCli(main);
