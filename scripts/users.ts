import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { roles } from '../db/schema/accounts';
import type { Database } from '../db/client';
import { UserError } from '../lib/auth/errors';
import { generatePassword } from '../lib/auth/passwords';
import { findUserIdByEmail, listUsers } from '../lib/auth/user-queries';
import { minPasswordLength } from '../lib/auth/user-schemas';
import { changeUser, createUser, resetPassword, type UserChange } from '../lib/auth/users';
import { parseCliArgs, printTable, runCli, withDatabase } from './cli';

// npm run users -- add --email <email> --name <name> --role <role> [--password-stdin]
// npm run users -- list | role --email <e> --role <r> | disable --email <e> | enable --email <e>
// npm run users -- password --email <e> [--password-stdin]
// Accounts of the dashboard, in DATABASE_URL's database (else the embedded one), through
// the same module as the Settings page (lib/auth/users.ts): validated, audited (as no one),
// and any change but adding ends the user's sessions.

const usage = [
  'usage: npm run users -- add --email <email> --name <name> --role <admin|operator|growth|support> [--password-stdin]',
  '       npm run users -- list',
  '       npm run users -- role --email <email> --role <admin|operator|growth|support>',
  '       npm run users -- disable --email <email>',
  '       npm run users -- enable --email <email>',
  '       npm run users -- password --email <email> [--password-stdin]',
  'Without --password-stdin, add and password generate a strong password and print it once.',
].join('\n');

const email = z.string({ error: 'is required' });
const passwordFlags = { 'password-stdin': { type: 'boolean', default: false } } as const;

/** A password from stdin (one line), or null to generate one. */
async function passwordFrom(stdin: boolean): Promise<string | null> {
  if (!stdin) return null;
  if (process.stdin.isTTY)
    console.error(`Password (at least ${minPasswordLength} characters), then Ctrl-D:`);
  // One line: the trailing newline of `echo` or a file is not part of the password.
  return (await text(process.stdin)).replace(/\r?\n$/, '');
}

/** Runs a user write; a refusal prints its message and each field's, and exits with 2. */
async function write<T>(work: (db: Database) => Promise<T>): Promise<T> {
  return withDatabase(2, async ({ db }) => {
    try {
      return await work(db);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      console.error(error.message);
      for (const field of error.fields)
        if (field.path)
          console.error(
            `  ${field.path === 'password' ? 'password' : `--${field.path}`}: ${field.message}`,
          );
      process.exit(2);
    }
  });
}

async function idOf(db: Database, address: string): Promise<number> {
  const id = await findUserIdByEmail(db, address);
  if (id === null) throw new UserError('not_found', `No user with the email ${address}`);
  return id;
}

async function add(args: string[]) {
  const flags = parseCliArgs(
    {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      ...passwordFlags,
    },
    z.object({
      email,
      name: z.string({ error: 'is required' }),
      role: z.enum(roles, { error: `must be one of ${roles.join(', ')}` }),
      'password-stdin': z.boolean(),
    }),
    args,
  );
  const typed = await passwordFrom(flags['password-stdin']);
  const password = typed ?? generatePassword();
  const { email: address, name, role } = flags;
  const user = await write((db) => createUser(db, { email: address, name, role, password }));
  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  if (typed === null) console.log(`Password (shown once, keep it safe): ${password}`);
}

async function change(args: string[], what: 'role' | 'disable' | 'enable') {
  let input: UserChange;
  let address: string;
  if (what === 'role') {
    const flags = parseCliArgs(
      { email: { type: 'string' }, role: { type: 'string' } },
      z.object({ email, role: z.string({ error: 'is required' }) }),
      args,
    );
    input = { role: flags.role as UserChange['role'] & string };
    address = flags.email;
  } else {
    address = parseCliArgs({ email: { type: 'string' } }, z.object({ email }), args).email;
    input = { disabled: what === 'disable' };
  }
  const user = await write(async (db) => changeUser(db, await idOf(db, address), input));
  const state = user.disabled ? 'disabled' : 'active';
  console.log(`${user.email} (id ${user.id}): ${user.role}, ${state}; their sessions have ended.`);
}

async function reset(args: string[]) {
  const flags = parseCliArgs(
    { email: { type: 'string' }, ...passwordFlags },
    z.object({ email, 'password-stdin': z.boolean() }),
    args,
  );
  const typed = await passwordFrom(flags['password-stdin']);
  const { user, generatedPassword } = await write(async (db) =>
    resetPassword(db, await idOf(db, flags.email), typed === null ? {} : { password: typed }),
  );
  console.log(`New password set for ${user.email} (id ${user.id}); their sessions have ended.`);
  if (generatedPassword) console.log(`Password (shown once, keep it safe): ${generatedPassword}`);
}

async function list() {
  const users = await withDatabase(1, ({ db }) => listUsers(db));
  if (users.length === 0) return console.log('No users yet.');
  const rows = users.map((u) => [
    String(u.id),
    u.email,
    u.name,
    u.role,
    u.disabled ? 'disabled' : 'active',
    u.createdAt.toISOString().slice(0, 16).replace('T', ' '),
  ]);
  printTable(['id', 'email', 'name', 'role', 'status', 'created (UTC)'], rows);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'add') return add(args);
  if (command === 'list' && args.length === 0) return list();
  if (command === 'role' || command === 'disable' || command === 'enable')
    return change(args, command);
  if (command === 'password') return reset(args);
  console.error(usage);
  process.exit(2);
}

runCli(main);
