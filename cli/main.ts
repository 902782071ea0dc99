#!/usr/bin/env node
/**
 * The command line: `tsx cli/main.ts <command>`. Every command loads the
 * validated config once and builds what it needs from the container.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { Command } from 'commander';
import { InputError } from '../domain/errors.js';

const program = new Command('ipwatch')
  .description('Watches e-commerce platforms for listings that infringe trademarks, GIs and patents')
  .option('-c, --config <file>', 'config file (default config/ipwatch.json or $IPWATCH_CONFIG)');

const cfgFile = () => program.opts<{ config?: string }>().config;

program.command('migrate').description('apply the database migrations (creates the database if missing)')
  .action(async () => (await import('./admin.command.js')).migrateCommand(cfgFile()));

program.command('import-registry').argument('[file]', 'registry.json (FORMATS §1); default: config registryPath')
  .description('validate and import a register of rights into Postgres')
  .action(async (file?: string) => (await import('./admin.command.js')).importRegistryCommand(cfgFile(), file));

program.command('scan').description('start a scan run of the configured platforms and wait for it to finish')
  .option('-p, --platform <id...>', 'platform ids (default: all enabled)')
  .option('--no-wait', 'enqueue and return')
  .action(async (o: { platform?: string[]; wait: boolean }) => (await import('./scan.command.js')).scanCommand(cfgFile(), o));

program.command('worker').description('run pipeline workers (any number, on any machine sharing Redis and Postgres)')
  .option('-q, --queues <names...>', 'queues to work: scan search listing detect (default: all)')
  .action(async (o: { queues?: string[] }) => (await import('./scan.command.js')).workerCommand(cfgFile(), o));

program.command('schedule').description('register the config\'s scan schedules with the queue (idempotent)')
  .action(async () => (await import('./scan.command.js')).scheduleCommand(cfgFile()));

program.command('api').description('serve the review and takedown API and web pages')
  .action(async () => (await import('./api.command.js')).apiCommand(cfgFile()));

program.command('create-admin').description('create the first admin account (password from $IPWATCH_ADMIN_PASSWORD or standard input)')
  .requiredOption('-u, --username <name>', 'login name')
  .option('-n, --display-name <name>', 'name shown on pages')
  .option('--reset', 'set a new password on an existing admin account')
  .action(async (o: { username: string; displayName?: string; reset?: boolean }) => (await import('./account.command.js')).createAdminCommand(cfgFile(), o));

program.command('detect').description('check a listing feed: registry.json + listings.jsonl -> verdicts.jsonl (FORMATS §1-3)')
  .requiredOption('-r, --registry <file>', 'registry.json')
  .requiredOption('-l, --listings <file>', 'listings.jsonl')
  .requiredOption('-o, --out <file>', 'verdicts.jsonl to write')
  .action(async (o: { registry: string; listings: string; out: string }) => (await import('./detect.command.js')).detectCommand(o));

program.command('demo').description('scan the bundled demo marketplace end to end and print the statistics')
  .option('--serve', 'keep the marketplace and the API running after the scan')
  .option('--size <n>', 'listings in the demo marketplace', (v) => Number(v))
  .action(async (o: { serve?: boolean; size?: number }) => (await import('./demo.command.js')).demoCommand(cfgFile(), o));

program.parseAsync().catch((err: unknown) => {
  if (err instanceof InputError) console.error(`error: ${err.message}`);
  else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
