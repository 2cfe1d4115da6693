/** `konbit tokens create|revoke`: API tokens for scripts. */
import type { Command } from 'commander';
import { KonbitError } from '@konbit/core';
import { createToken, findUserByEmail, revokeToken, systemActor } from '@konbit/server';
import { configFrom, withContext, type StoreFlags } from '../context.js';
import { out, UsageError } from '../output.js';

const CLI = systemActor('cli');

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('API tokens');
  tokens
    .command('create')
    .description('create an API token for a user; prints the secret once')
    .requiredOption('--email <email>', 'whose token')
    .requiredOption('--name <name>', 'what the token is for, such as "sitrep script"')
    .option('--expires-days <days>', 'days until it expires (default: never)')
    .option('--db <file>')
    .action(async (flags: StoreFlags & { email: string; name: string; expiresDays?: string }) => {
      const days = flags.expiresDays === undefined ? undefined : Number(flags.expiresDays);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
        throw new UsageError('--expires-days must be a whole number from 1 to 3650');
      }
      await withContext(configFrom(flags), async (ctx) => {
        const user = await findUserByEmail(ctx.store.db, flags.email.trim().toLowerCase());
        if (!user) throw new KonbitError('NotFound', `no user has e-mail ${flags.email}`);
        const token = await ctx.store.transaction((tx) =>
          createToken(tx, CLI, { userId: user.id, name: flags.name, expiresInDays: days }),
        );
        out(
          `Token ${token.id} for ${user.email}${token.expiresAt ? `, expires ${token.expiresAt}` : ''}`,
        );
        out(token.token);
      });
    });
  tokens
    .command('revoke')
    .description('revoke an API token by id')
    .requiredOption('--id <id>')
    .option('--db <file>')
    .action(async (flags: StoreFlags & { id: string }) => {
      await withContext(configFrom(flags), async (ctx) => {
        const token = await ctx.store.transaction((tx) => revokeToken(tx, CLI, flags.id));
        out(`Token ${token.id} (${token.name}) revoked at ${token.revokedAt}`);
      });
    });
}
