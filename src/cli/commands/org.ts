import type { Command } from 'commander';
import { LIMITS, parseUntrustedJson, readInputFile } from '../../core/index.js';
import { listOrgs, parseOrganization, parseOrganizationList, upsertOrgs, type Organization } from '../../orgs/index.js';
import { action, collect } from '../context.js';
import { printJson, printTable } from '../output.js';

interface AddOptions {
  name: string;
  domain: string[];
  authservId?: string;
  trustedRelay?: string[];
}

function printOrgs(orgs: Organization[]): void {
  printTable(
    ['ID', 'NAME', 'DOMAINS', 'AUTHSERV-ID', 'TRUSTED RELAYS'],
    orgs.map((o) => [o.id, o.name, o.domains.join(', '), o.authservId ?? '-', o.trustedRelays.join(', ') || '-']),
  );
}

export function register(program: Command): void {
  const org = program.command('org').description('manage organisations (the tenants: one per exchange or unit)');

  org
    .command('add <id>')
    .description('add or update an organisation')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--domain <domain>', "one of the organisation's own domains (repeatable)", collect)
    .option('--authserv-id <host>', 'host whose Authentication-Results headers the organisation trusts')
    .option('--trusted-relay <cidr|host>', "one of the organisation's own mail relays (repeatable)", collect)
    .option('--json', 'print the stored organisation as JSON')
    .action(
      action(async (ctx, id: string, opts: AddOptions & { json?: boolean }) => {
        const parsed = parseOrganization(
          { id, name: opts.name, domains: opts.domain, authservId: opts.authservId, trustedRelays: opts.trustedRelay ?? [] },
          `organisation "${id}"`,
        );
        const db = await ctx.store();
        const report = await db.transaction((tx) => upsertOrgs(tx, [parsed]));
        if (opts.json === true) printJson({ ...parsed, status: report.created.length > 0 ? 'created' : report.updated.length > 0 ? 'updated' : 'unchanged' });
        else ctx.log.info(`organisation ${id} ${report.created.length > 0 ? 'created' : report.updated.length > 0 ? 'updated' : 'unchanged'}`);
      }),
    );

  org
    .command('list')
    .description('list organisations')
    .option('--json', 'JSON array in the import file shape')
    .action(
      action(async (ctx, opts: { json?: boolean }) => {
        const orgs = await listOrgs(await ctx.store());
        if (opts.json === true) printJson(orgs);
        else if (orgs.length === 0) ctx.log.info('no organisations yet: spearwatch org add <id> --name <name> --domain <domain>');
        else printOrgs(orgs);
      }),
    );

  org
    .command('import <file>')
    .description('create or update organisations from a JSON array of { id, name, domains, authservId, trustedRelays }')
    .option('--json', 'print the import report as JSON')
    .action(
      action(async (ctx, file: string, opts: { json?: boolean }) => {
        const text = readInputFile(file, LIMITS.orgImportBytes);
        const orgs = parseOrganizationList(parseUntrustedJson(text, file, LIMITS.jsonDepth), file);
        const db = await ctx.store();
        const report = await db.transaction((tx) => upsertOrgs(tx, orgs));
        if (opts.json === true) printJson({ file, read: orgs.length, ...report });
        else ctx.log.info(`${file}: ${orgs.length} organisations read, ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged`);
      }),
    );
}
