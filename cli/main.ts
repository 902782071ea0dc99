#!/usr/bin/env node
/**
 * The command line: `tsx cli/main.ts <command>`. Every command loads the
 * validated config once and builds what it needs from the container.
 * Exit codes (cli/cli.context.ts): 0 ok, 1 run failed, 2 usage or bad input,
 * 3 Postgres or Redis unreachable.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { Command, Option } from 'commander';
import { EXIT, exitOf, positiveInt } from './cli.context.js';

const EXIT_CODES = `
Exit codes: 0 ok · 1 run failed (or refused: campaign already running) · 2 usage or bad input · 3 Postgres/Redis unreachable (DATABASE_URL, REDIS_URL)`;
const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ipwatch ${l}`).join('\n')}\n`;
const collect = (v: string, prev: string[] = []) => [...prev, v];

const program = new Command('ipwatch')
  .description('Watches e-commerce platforms for listings that infringe trademarks, GIs and patents')
  .option('-c, --config <file>', 'config file (default config/ipwatch.json or $IPWATCH_CONFIG)')
  .exitOverride()
  .showSuggestionAfterError()
  .addHelpText('after', EXIT_CODES);

const cfgFile = () => program.opts<{ config?: string }>().config;

program.command('migrate').description('apply the database migrations (creates the database if missing)')
  .addHelpText('after', examples('migrate', '-c /etc/ipwatch.json migrate'))
  .action(async () => (await import('./admin.command.js')).migrateCommand(cfgFile()));

program.command('prune').description('retention now: make the partitions of per-run rows ahead, drop those of runs older than retention.runDays (kept: runs an open notice or case needs); workers also do it daily')
  .option('--days <n>', 'keep runs started within this many days (default: config retention.runDays)', positiveInt('--days'))
  .addHelpText('after', examples('prune', 'prune --days 365'))
  .action(async (o) => (await import('./prune.command.js')).pruneCommand(cfgFile(), o));

program.command('backup').argument('<dir>', 'new (or empty) directory for database.dump, evidence.tar and manifest.json')
  .description('back up the database (pg_dump) and the evidence store (tar) together, with a manifest of SHA-256s and the schema version')
  .addHelpText('after', examples('backup /srv/backup/ipwatch-2026-12-04'))
  .action(async (dir: string) => (await import('./backup.command.js')).backupCommand(cfgFile(), dir));

program.command('restore').argument('<dir>', 'a directory written by backup')
  .description('restore a backup into an empty database and evidence store; refuses a part that does not match the manifest or another schema version')
  .addHelpText('after', examples('restore /srv/backup/ipwatch-2026-12-04'))
  .action(async (dir: string) => (await import('./backup.command.js')).restoreCommand(cfgFile(), dir));

program.command('import-registry').argument('[file]', 'registry.json (FORMATS §1); default: config registryPath')
  .description('validate and import a register of rights into Postgres')
  .addHelpText('after', examples('import-registry', 'import-registry /data/registry-2026.json'))
  .action(async (file?: string) => (await import('./admin.command.js')).importRegistryCommand(cfgFile(), file));

program.command('scan').description('start a run now and follow it with a progress bar (one-off, or a campaign\'s)')
  .option('-p, --platform <id...>', 'platform ids (default: all enabled, or the campaign\'s)')
  .option('-u, --url <url>', 'item URL to capture and judge (repeatable)', collect)
  .option('-k, --keyword <word>', 'extra keyword to search (repeatable)', collect)
  .option('-d, --depth <pages>', 'result pages per keyword and platform', positiveInt('--depth'))
  .option('--campaign <name>', 'run this campaign (same as campaign run)')
  .option('--urls-only', 'capture only the --url items: no search, no re-check of known listings')
  .option('--no-wait', 'start and return')
  .option('--no-progress', 'no progress bar')
  .option('--grace-seconds <s>', 'how long queues may have no worker before the run is failed', positiveInt('--grace-seconds'), 10)
  .addHelpText('after', examples('scan', 'scan -p demo-mall demo-shop --depth 2',
    'scan --urls-only --url http://127.0.0.1:8601/mall/item/M1001.html', 'scan --campaign nightly-tea --no-wait'))
  .action(async (o) => (await import('./run.command.js')).scanCommand(cfgFile(), o));

program.command('runs').argument('[id]', 'one run: its figures by platform and errors by kind', positiveInt('run id'))
  .description('list runs (newest first) with pages, listings, new, changed, gone, flagged, failed, blocked')
  .option('--campaign <name>', 'only this campaign\'s runs')
  .option('--status <state>', 'running, finished or failed')
  .option('-n, --limit <n>', 'how many', positiveInt('--limit'), 20)
  .addHelpText('after', examples('runs', 'runs --campaign nightly-tea --status failed', 'runs 42'))
  .action(async (id: number | undefined, o) => (await import('./run.command.js')).runsCommand(cfgFile(), id, o));

const campaign = program.command('campaign').description('manage campaigns: what is scanned, where and when')
  .addHelpText('after', examples('campaign list', 'campaign create nightly-tea --asset GI-0001 --cron "0 2 * * *"', 'campaign run nightly-tea'));
const campaignOptions = (cmd: Command) => cmd
  .option('-a, --asset <id>', 'register entry id (repeatable; default: all entries)', collect)
  .option('--all', 'all register entries')
  .option('-p, --platform <id>', 'platform id (repeatable; default: all enabled)', collect)
  .option('-k, --keyword <word>', 'extra keyword (repeatable)', collect)
  .option('-u, --url <url>', 'item URL captured in every run (repeatable)', collect)
  .option('-d, --depth <pages>', 'result pages per keyword and platform', positiveInt('--depth'))
  .option('--cron <pattern>', 'schedule: five fields ("0 2 * * *"), or six with seconds first')
  .option('--tz <zone>', 'time zone of the schedule (default Asia/Shanghai)')
  .option('--description <text>', 'what the campaign is for');
campaignOptions(campaign.command('create').argument('<name>', 'lower-case letters, digits, dashes').description('create a campaign (and its schedule)'))
  .option('--paused', 'create it paused')
  .addHelpText('after', examples('campaign create nightly-all --cron "0 2 * * *"',
    'campaign create tea -a GI-0001 -a TM-0001 -p demo-mall -k 茉莉花茶 --depth 2 --cron "30 1 * * 1-5" --tz Asia/Shanghai',
    'campaign create spot-checks --url http://127.0.0.1:8601/shop/item/S2001'))
  .action(async (name: string, o) => (await import('./campaign.command.js')).campaignCreate(cfgFile(), name, o));
campaignOptions(campaign.command('update').argument('<campaign>', 'name or id').description('change a campaign (the schedule follows)'))
  .option('--no-schedule', 'remove the schedule (run on demand only)')
  .addHelpText('after', examples('campaign update tea --cron "0 3 * * *"', 'campaign update tea --all --depth 3'))
  .action(async (ref: string, o) => (await import('./campaign.command.js')).campaignUpdate(cfgFile(), ref, { ...o, noSchedule: o.schedule === false }));
campaign.command('list').description('campaigns with their schedule, next and last run')
  .addHelpText('after', examples('campaign list'))
  .action(async () => (await import('./campaign.command.js')).campaignList(cfgFile()));
campaign.command('show').argument('<campaign>', 'name or id').description('one campaign and its last run')
  .addHelpText('after', examples('campaign show tea'))
  .action(async (ref: string) => (await import('./campaign.command.js')).campaignShow(cfgFile(), ref));
campaign.command('pause').argument('<campaign>', 'name or id').description('stop its schedule (run now still works)')
  .addHelpText('after', examples('campaign pause tea'))
  .action(async (ref: string) => (await import('./campaign.command.js')).campaignSetEnabled(cfgFile(), ref, false));
campaign.command('resume').argument('<campaign>', 'name or id').description('put its schedule back')
  .addHelpText('after', examples('campaign resume tea'))
  .action(async (ref: string) => (await import('./campaign.command.js')).campaignSetEnabled(cfgFile(), ref, true));
campaign.command('delete').argument('<campaign>', 'name or id').description('delete it and its schedule (runs stay)')
  .addHelpText('after', examples('campaign delete tea'))
  .action(async (ref: string) => (await import('./campaign.command.js')).campaignDelete(cfgFile(), ref));
campaign.command('run').argument('<campaign>', 'name or id').description('run it now and follow the run')
  .option('--no-wait', 'start and return')
  .option('--no-progress', 'no progress bar')
  .option('--grace-seconds <s>', 'how long queues may have no worker before the run is failed', positiveInt('--grace-seconds'), 10)
  .addHelpText('after', examples('campaign run tea', 'campaign run tea --no-wait'))
  .action(async (ref: string, o) => (await import('./campaign.command.js')).campaignRun(cfgFile(), ref, o));

program.command('worker').description('run pipeline workers (any number, on any machine sharing Redis and Postgres); resumes interrupted runs, syncs campaign schedules')
  .option('-q, --queues <names...>', 'queues to work: scan search listing detect (default: all)')
  .option('--metrics-port <port>', 'serve this process\'s Prometheus metrics at :port/metrics', (v) => Number(v))
  .option('--cluster-gauges', 'also export the shared gauges (queues, disk, run figures) when no API process does')
  .option('--close-timeout <s>', 'on SIGTERM, seconds active jobs get to finish before they are handed back', positiveInt('--close-timeout'), 20)
  .addHelpText('after', examples('worker', 'worker -q search listing --metrics-port 9464', 'worker -q detect --close-timeout 60'))
  .action(async (o) => (await import('./scan.command.js')).workerCommand(cfgFile(), o));

program.command('schedule').description('register the config file\'s scan schedules with the queue (idempotent; campaigns schedule themselves)')
  .addHelpText('after', examples('schedule'))
  .action(async () => (await import('./scan.command.js')).scheduleCommand(cfgFile()));

program.command('stats').description('print the bureau\'s statistics table (条, 个次, 件)')
  .option('-g, --group-by <dims>', 'platform, ipType, region, city, period (comma-separated) or none', 'platform')
  .addOption(new Option('--period <p>', 'period of the period column').choices(['day', 'week', 'month', 'year']).default('month'))
  .option('--from <date>', 'YYYY-MM-DD (inclusive)')
  .option('--to <date>', 'YYYY-MM-DD (inclusive)')
  .option('-p, --platform <id>', 'only this platform')
  .addHelpText('after', examples('stats', 'stats -g platform,ipType --from 2026-01-01 --to 2026-06-30'))
  .action(async (o) => (await import('./stats.command.js')).statsCommand(cfgFile(), o));

const account = program.command('account').description('manage accounts of the review API');
account.command('create').argument('<username>', 'login name').description('create an account (or update its password; its role only with --change-role)')
  .requiredOption('-r, --role <role>', 'officer, platform or admin')
  .option('--platform <id>', 'the platform a platform account answers for')
  .option('--name <display>', 'display name')
  .option('--change-role', 'allow changing an existing account\'s role or platform (its sessions end)')
  .addHelpText('after', `\nThe password (at least 8 characters) is read from the first line of standard input (never from the command line).${examples('account create wang --role officer < pw.txt', 'account create mall-staff --role platform --platform demo-mall < pw.txt')}`)
  .action(async (username: string, o) => (await import('./accounts.command.js')).accountCreate(cfgFile(), username, o));

program.command('api').description('serve the review and takedown API, web pages, /metrics and the queue dashboard')
  .addHelpText('after', examples('api'))
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
  .addHelpText('after', examples('detect -r demo/registry.json -l listings.jsonl -o verdicts.jsonl'))
  .action(async (o: { registry: string; listings: string; out: string }) => (await import('./detect.command.js')).detectCommand(o));

program.command('demo').description('scan the bundled demo marketplace end to end and print the statistics')
  .option('--serve', 'keep the marketplace and the API running after the scan')
  .option('--size <n>', 'listings in the demo marketplace', positiveInt('--size'))
  .addHelpText('after', examples('demo', 'demo --serve'))
  .action(async (o: { serve?: boolean; size?: number }) => (await import('./demo.command.js')).demoCommand(cfgFile(), o));

program.parseAsync().catch((err: unknown) => {
  const { code, message } = exitOf(err);
  if (message) console.error(`error: ${message}`);
  process.exit(code === EXIT.ok ? 0 : code);
});
