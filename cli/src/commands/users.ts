/** `konbit users …` and `konbit orgs …`: accounts and organisations, as the platform operator. */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import {
  CreateOrganisationRequest,
  CreateUserRequest,
  isUuid,
  KonbitError,
  ORG_KINDS,
  ROLES,
} from '@konbit/core';
import {
  createOrganisation,
  createUser,
  findOrganisationByName,
  findUserByEmail,
  setUserDisabled,
  systemActor,
  type AppContext,
} from '@konbit/server';
import { configFrom, withContext, type StoreFlags } from '../context.js';
import { out, UsageError } from '../output.js';

const CLI = systemActor('cli');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Reads flags through the API's own schema, so the CLI accepts exactly what the API does. */
function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0] ?? 'value')}: ${issue?.message}`);
  }
  return result.data;
}

async function orgIdFor(ctx: AppContext, org: string): Promise<string> {
  if (isUuid(org)) return org;
  const found = await findOrganisationByName(ctx.store.db, org);
  if (!found)
    throw new UsageError(`no organisation is named "${org}"; list them with \`konbit orgs list\``);
  return found.id;
}

async function userIdFor(ctx: AppContext, email: string): Promise<string> {
  const found = await findUserByEmail(ctx.store.db, email.trim().toLowerCase());
  if (!found) throw new KonbitError('NotFound', `no user has e-mail ${email}`);
  return found.id;
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('user accounts');

  users
    .command('add')
    .description('add a user; prints a generated password unless --password-stdin is given')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .requiredOption('--org <id-or-name>', 'organisation id or exact name')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--language <lang>', 'en, fr or ht')
    .option('--password-stdin', 'read the password from standard input')
    .option('--db <file>')
    .action(
      async (
        flags: StoreFlags & {
          email: string;
          name: string;
          org: string;
          role: string;
          language?: string;
          passwordStdin?: boolean;
        },
      ) => {
        const generated = flags.passwordStdin ? null : randomBytes(12).toString('base64url');
        const password = generated ?? (await readStdin());
        await withContext(configFrom(flags), async (ctx) => {
          const input = parse(CreateUserRequest, {
            email: flags.email,
            name: flags.name,
            orgId: await orgIdFor(ctx, flags.org),
            role: flags.role,
            password,
            ...(flags.language ? { language: flags.language } : {}),
          });
          const user = await ctx.store.transaction((tx) => createUser(tx, CLI, input));
          out(`Added ${user.email} (${user.role}), id ${user.id}`);
          if (generated) out(`Password (shown once): ${generated}`);
        });
      },
    );

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(name)
      .description(
        disabled
          ? 'disable a user: their sessions and tokens stop working at once'
          : 'enable a disabled user',
      )
      .requiredOption('--email <email>')
      .option('--db <file>')
      .action(async (flags: StoreFlags & { email: string }) => {
        await withContext(configFrom(flags), async (ctx) => {
          const id = await userIdFor(ctx, flags.email);
          const user = await ctx.store.transaction((tx) => setUserDisabled(tx, CLI, id, disabled));
          out(`${user.email} is now ${disabled ? 'disabled' : 'enabled'}`);
        });
      });
  }

  users
    .command('list')
    .description('list user accounts')
    .option('--db <file>')
    .action(async (flags: StoreFlags) => {
      await withContext(configFrom(flags), async (ctx) => {
        const rows = await ctx.store.db
          .selectFrom('users')
          .innerJoin('organisations', 'organisations.id', 'users.org_id')
          .select(['users.email', 'users.role', 'users.disabled_at', 'organisations.name as org'])
          .orderBy('users.email')
          .execute();
        for (const r of rows)
          out(
            `${r.email.padEnd(40)} ${r.role.padEnd(20)} ${r.disabled_at ? 'DISABLED ' : ''}${r.org}`,
          );
      });
    });

  const orgs = program.command('orgs').description('organisations');
  orgs
    .command('add')
    .description('add an organisation')
    .requiredOption('--name <name>')
    .requiredOption('--kind <kind>', ORG_KINDS.join(', '))
    .option('--country <iso3>', 'ISO 3166 alpha-3 code, such as JAM')
    .option('--db <file>')
    .action(async (flags: StoreFlags & { name: string; kind: string; country?: string }) => {
      const input = parse(CreateOrganisationRequest, {
        name: flags.name,
        kind: flags.kind,
        ...(flags.country ? { country: flags.country } : {}),
      });
      await withContext(configFrom(flags), async (ctx) => {
        const org = await ctx.store.transaction((tx) => createOrganisation(tx, CLI, input));
        out(`Added ${org.name} (${org.kind}), id ${org.id}`);
      });
    });
  orgs
    .command('list')
    .description('list organisations')
    .option('--db <file>')
    .action(async (flags: StoreFlags) => {
      await withContext(configFrom(flags), async (ctx) => {
        const rows = await ctx.store.db
          .selectFrom('organisations')
          .selectAll()
          .orderBy('name')
          .execute();
        for (const r of rows) out(`${r.id}  ${r.kind.padEnd(17)} ${r.name}`);
      });
    });
}
