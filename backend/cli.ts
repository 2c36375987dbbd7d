#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { App } from './app/app';
import { locationsTable, marketsTable, qualityText, seriesCsv, seriesJson } from './commands/format';
import { BACKFILL_USAGE, planText, progressLine } from './commands/backfill';
import { loadConfig, storeOf, type Config } from './config';
import { GridError } from './domain';
import { VERSION } from './paths';

const USAGE = `gridcell: wholesale energy market data, cached locally, for Excel.

Usage:
  gridcell --version
  gridcell serve [--port N] [--host H] [--offline] [--ingest] [--store URL]
  gridcell ingest [--offline] [--store URL]
                 (keeps the markets, runs and locations of ingest.json current: $GRIDCELL_INGEST, else in GRIDCELL_HOME)
  gridcell import FILE... [--report ID]
  ${BACKFILL_USAGE}
  gridcell check [MARKET] [--location L] [--run RUN] [--product P] [--start D] [--end D] [--spread N] [--json]
  gridcell query MARKET LOCATION START [END] [--run RUN] [--product P] [--tz market|UTC|ZONE]
                 [--currency CCY] [--unit MWh|kWh] [--interval hour|day|month] [--asof DATETIME] [--format json|csv] [--offline]
                 (fundamentals: --product LOAD, GEN_GAS ..., AS_SPIN ...; --run ACTUAL, FORECAST; --asof a forecast as issued by then)
  gridcell markets [--json]
  gridcell locations MARKET [SEARCH] [--limit N]
  gridcell users add NAME | users list | users remove NAME
                 (a desk server's users: each gets a token, printed once; with users, every API request needs one)

START and END are market days (YYYY-MM-DD, END included) or date-times (YYYY-MM-DDTHH:MM, END excluded).
Every command takes --store: sqlite:PATH (the default, a file of your own) or a desk's shared
clickhouse://user:password@host:8123/database (also GRIDCELL_STORE).
Environment: GRIDCELL_DB (database file), GRIDCELL_STORE, GRIDCELL_OFFLINE=1, API keys such as PJM_API_KEY,
GRIDCELL_USERS (the users file), GRIDCELL_USER_REQUESTS_PER_MINUTE (each desk user's limit, 600).`;

const PROGRESS_EVERY_MS = 2000;

/** What to type next, after the API's own (caller-neutral) message. */
const CLI_HINTS: Partial<Record<GridError['code'], string>> = {
  NOT_CACHED: 'import the downloaded file with "gridcell import FILE", or run without --offline.',
  NEEDS_BACKFILL: 'load the range with "gridcell backfill MARKET LOCATION --from START --to END".',
  UNKNOWN_LOCATION: 'search the spellings with "gridcell locations MARKET SEARCH".',
};

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  offline: { type: 'boolean' },
  report: { type: 'string' },
  run: { type: 'string' },
  product: { type: 'string' },
  tz: { type: 'string' },
  currency: { type: 'string' },
  asof: { type: 'string' },
  unit: { type: 'string' },
  interval: { type: 'string' },
  fill: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  limit: { type: 'string' },
  location: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  spread: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'dry-run': { type: 'boolean' },
  ingest: { type: 'boolean' },
  store: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/**
 * A command that runs until Ctrl-C (serve, ingest): started, then stopped cleanly on SIGINT or
 * SIGTERM. -1: the process goes on.
 */
async function untilStopped(start: () => Promise<() => Promise<void>>, err: (s: string) => void): Promise<number> {
  try {
    const stop = await start();
    const onSignal = () => void stop().finally(() => process.exit(0));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return -1;
  } catch (e) {
    err(`gridcell: ${(e as Error).message}`);
    return 1;
  }
}

/** What every command takes from its flags: --offline, and --store over GRIDCELL_STORE. */
function commonConfig(flags: Flags): Partial<Config> {
  const { dbPath } = loadConfig(process.env); // a GRIDCELL_STORE of neither kind is refused here
  return {
    ...(flags.offline ? { offline: true } : {}),
    ...(flags.store ? storeOf(flags.store, dbPath) : {}),
  };
}

export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    err(`gridcell: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const flags = parsed.values;
  let common: Partial<Config>;
  try {
    common = commonConfig(flags);
  } catch (e) {
    err(`gridcell: ${(e as Error).message}`);
    return 2;
  }
  if (flags.version && !command) {
    out(VERSION);
    return 0;
  }
  if (!command || flags.help) {
    out(USAGE);
    return command || flags.help ? 0 : 2;
  }
  if (command === 'serve') {
    const port = flags.port !== undefined ? Number(flags.port) : undefined;
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      err(`gridcell: --port ${flags.port} is not a port number.`);
      return 2;
    }
    const config: Partial<Config> = {
      ...(port !== undefined ? { port } : {}),
      ...(flags.host ? { host: flags.host } : {}),
      ...common,
    };
    return untilStopped(async () => {
      // Loaded when needed: `gridcell --version` and the usage need none of the app.
      const { serve } = await import('./commands/serve');
      const running = await serve({ config, log: out, ingest: flags.ingest });
      return () => running.close();
    }, err);
  }
  if (command === 'ingest') {
    return untilStopped(async () => {
      const { startIngest } = await import('./commands/ingest');
      const running = await startIngest({ config: common, log: out });
      out(`Keeping current: ${running.entries.join('; ')}. Ctrl-C stops.`);
      return async () => {
        await running.stop();
        out('Stopped. What was fetched is kept.');
      };
    }, err);
  }
  if (command === 'users') {
    const { usersCommand } = await import('./commands/users');
    return usersCommand(rest, process.env, out, err);
  }
  if (command === 'import') (await import('./app/import-ahead')).startImportAhead(rest);
  const { createApp } = await import('./app/create-app');
  const app = createApp({
    config: common,
    onWriteWait: (reason) => err(`gridcell: waiting: ${reason.replace(/; try again.*$/, '.')}`),
  });
  try {
    return await run(app, command, rest, flags, out, err);
  } catch (e) {
    err(`gridcell: ${app.redact(e instanceof GridError ? e.message : `unexpected error: ${(e as Error).stack ?? e}`)}`);
    const hint = e instanceof GridError ? CLI_HINTS[e.code] : undefined;
    if (hint) err(`gridcell: ${hint}`);
    return 1;
  } finally {
    await app.close();
  }
}

async function run(
  app: App,
  command: string,
  args: string[],
  flags: Flags,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  switch (command) {
    case 'import': {
      if (!args.length) throw new GridError('BAD_REQUEST', 'Name the file(s) to import: gridcell import FILE...');
      let failed = 0;
      for (const file of args) {
        try {
          const r = await app.importFile(file, flags.report);
          const days = r.days.length > 3 ? `${r.days[0]} .. ${r.days[r.days.length - 1]} (${r.days.length} days)` : r.days.join(', ');
          out(
            `${r.file}: ${r.reports.join(', ')} -> ${r.market}: ${r.series} series, ${r.points} points (${r.changed} new or changed), days ${days}`,
          );
        } catch (e) {
          failed++;
          err(
            `gridcell: ${app.redact((e as Error).message).replace(/\.$/, '')}${e instanceof GridError ? '' : ` (${file})`}; nothing from it was stored.`,
          );
        }
      }
      return failed ? 1 : 0;
    }
    case 'query': {
      const [market, location, start, end] = args;
      if (!market || !location || !start)
        throw new GridError('BAD_REQUEST', 'Usage: gridcell query MARKET LOCATION START [END] [--run RUN] [--format json|csv]');
      const format = (flags.format ?? 'csv').toLowerCase();
      if (format !== 'json' && format !== 'csv') throw new GridError('BAD_REQUEST', `--format ${flags.format} is not json or csv.`);
      const query = app.requests.series({
        market,
        location,
        start,
        end,
        run: flags.run,
        product: flags.product,
        tz: flags.tz,
        currency: flags.currency,
        unit: flags.unit,
        interval: flags.interval,
        fill: flags.fill,
        asof: flags.asof,
      });
      const series = await app.series(query);
      out(format === 'json' ? seriesJson(series) : seriesCsv(series));
      return 0;
    }
    case 'backfill': {
      const [market, ...locations] = args;
      if (!market || !locations.length || !flags.from) throw new GridError('BAD_REQUEST', `Usage: ${BACKFILL_USAGE}`);
      const q = app.requests.backfill({
        market,
        locations: locations.join(';'),
        start: flags.from,
        end: flags.to,
        run: flags.run,
        product: flags.product,
      });
      if (flags['dry-run']) {
        for (const line of planText(q, await app.planBackfill(q))) out(line);
        return 0;
      }
      const job = await app.startBackfill(q);
      out(
        `Backfilling ${job.market} ${job.run} ${job.product} at ${job.locations.join(', ')} from ${job.first} to ${job.last} (${days(q.range.days.length)}, ${job.requestsPlanned} request(s) planned)...`,
      );
      // Ctrl-C stops between pieces; what was stored stays, and the same command continues where the cache stops.
      const stop = () => void app.cancelJob(job.id);
      process.once('SIGINT', stop);
      const progress = setInterval(() => void app.job(job.id).then((j) => out(progressLine(j))), PROGRESS_EVERY_MS);
      const ended = await app.jobEnded(job.id).finally(() => {
        clearInterval(progress);
        process.removeListener('SIGINT', stop);
      });
      out(progressLine(ended));
      for (const problem of ended.problems) err(`gridcell: ${app.redact(problem)}`);
      if (ended.state === 'cancelled') {
        out('Stopped. What was fetched is kept; run the same command again to continue where the cache stops.');
        return 130;
      }
      out(
        `${ended.state === 'done' ? 'Done' : 'Failed'}: ${ended.daysDone} of ${days(ended.daysTotal)} asked for${ended.problems.length ? `, ${ended.problems.length} problem(s) above` : ''}.`,
      );
      return ended.state === 'done' ? 0 : 1;
    }
    case 'check': {
      const [only] = args;
      const markets = only ? [only] : (await app.markets()).filter((m) => m.cache.series > 0).map((m) => m.id);
      if (!markets.length) out('The cache is empty: nothing to check.');
      const reports = [];
      for (const market of markets)
        reports.push(
          await app.quality(
            await app.requests.quality({
              market,
              location: flags.location,
              run: flags.run,
              product: flags.product,
              start: flags.start,
              end: flags.end,
              spread: flags.spread,
            }),
          ),
        );
      out(flags.json ? JSON.stringify(reports.length === 1 ? reports[0] : { reports }, null, 2) : reports.map(qualityText).join('\n\n'));
      return 0;
    }
    case 'markets': {
      const markets = await app.markets();
      const { proxy } = await app.health();
      out(
        flags.json
          ? JSON.stringify({ markets, proxy }, null, 2)
          : `${marketsTable(markets)}${proxy ? `\nUpstream requests go through the proxy ${proxy}.` : ''}`,
      );
      return 0;
    }
    case 'locations': {
      const [market, search] = args;
      if (!market) throw new GridError('BAD_REQUEST', 'Usage: gridcell locations MARKET [SEARCH] [--limit N]');
      const list = await app.locations(app.requests.locations(market, { q: search, limit: flags.limit ?? '200' }));
      out(flags.json ? JSON.stringify(list, null, 2) : locationsTable(list));
      return 0;
    }
    default:
      err(`gridcell: unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  void main(
    process.argv.slice(2),
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
  ).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
