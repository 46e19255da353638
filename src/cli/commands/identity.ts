import crypto from 'node:crypto';
import type { Command } from 'commander';

import { createApiToken, listApiTokens, listUsers, parseRole, ROLES, upsertUser } from '../../identity/index.js';
import { action } from '../context.js';
import { printJson, printTable } from '../output.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function register(program: Command): void {
  const user = program.command('user').description('manage the people who log in to the dashboard');
  user
    .command('add <email>')
    .description('create a user (or update its organisation, role and password)')
    .requiredOption('--org <id>', 'the organisation the user belongs to')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')} (admin sees every organisation)`)
    .option('--password-stdin', 'read the password from stdin (otherwise one is generated and printed once)')
    .option('--json', 'print the user (and a generated password) as JSON')
    .action(
      action(async (ctx, email: string, opts: { org: string; role: string; passwordStdin?: boolean; json?: boolean }) => {
        const role = parseRole(opts.role);
        const generated = opts.passwordStdin === true ? undefined : crypto.randomBytes(12).toString('base64url');
        const password = generated ?? (await readStdin());
        const db = await ctx.store();
        const { user: u, created } = await db.transaction((tx) => upsertUser(tx, { email, orgId: opts.org, role, password }));
        if (opts.json === true) printJson({ ...u, created, ...(generated === undefined ? {} : { password: generated }) });
        else {
          ctx.log.info(`user ${u.email} ${created ? 'created' : 'updated'} (${u.role} of ${u.orgId})`);
          if (generated !== undefined) process.stdout.write(`password: ${generated}\n`);
        }
      }),
    );
  user
    .command('list')
    .description('list users')
    .option('--org <id>', 'only this organisation')
    .option('--json', 'print as JSON')
    .action(
      action(async (ctx, opts: { org?: string; json?: boolean }) => {
        const users = await listUsers(await ctx.store(), opts.org);
        if (opts.json === true) printJson(users);
        else printTable(['EMAIL', 'ORG', 'ROLE', 'CREATED'], users.map((u) => [u.email, u.orgId, u.role, u.createdAt]));
      }),
    );

  const token = program.command('token').description('manage API tokens for scripts (Authorization: Bearer <token>)');
  token
    .command('create')
    .description('create an API token; it is printed once and stored only as a hash')
    .requiredOption('--org <id>', 'the organisation the token acts for')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'what the token is for')
    .option('--json', 'print { "token": … } as JSON')
    .action(
      action(async (ctx, opts: { org: string; role: string; name?: string; json?: boolean }) => {
        const role = parseRole(opts.role);
        const db = await ctx.store();
        const { token: secret, info } = await db.transaction((tx) => createApiToken(tx, { orgId: opts.org, role, name: opts.name }));
        if (opts.json === true) printJson({ token: secret, id: info.id, name: info.name, orgId: info.orgId, role: info.role });
        else process.stdout.write(`${secret}\n`);
      }),
    );
  token
    .command('list')
    .description('list API tokens (never the secrets)')
    .option('--org <id>', 'only this organisation')
    .option('--json', 'print as JSON')
    .action(
      action(async (ctx, opts: { org?: string; json?: boolean }) => {
        const tokens = await listApiTokens(await ctx.store(), opts.org);
        if (opts.json === true) printJson(tokens);
        else printTable(['ID', 'PREFIX', 'NAME', 'ORG', 'ROLE', 'LAST USED', 'REVOKED'], tokens.map((t) => [String(t.id), t.prefix, t.name, t.orgId, t.role, t.lastUsedAt ?? '-', t.revoked ? 'yes' : 'no']));
      }),
    );
}
