import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchAndParse } from '../../backend/connectors/fetch';
import type { Connector, Report, RequestContext } from '../../backend/connectors/types';
import type { ParseResult } from '../../backend/domain';
import { HttpClient } from '../../backend/http/client';
import { writeRecording } from '../../backend/http/replay';
import type { HttpRequest } from '../../backend/http/types';
import { reportById } from './points';

export interface ReplayEntry {
  /** The request the connector is expected to make, written out in the test from the source's documentation. */
  request: HttpRequest;
  /** Absolute path of the recorded body (a file in ../shared/fixtures or test/fixtures). */
  file: string;
  status?: number;
  headers?: Record<string, string>;
}

/** A temporary replay folder answering exactly these requests with these recorded bodies. */
export function replayFolder(entries: ReplayEntry[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gridcell-replay-'));
  for (const e of entries) writeRecording(dir, e.request, { status: e.status ?? 200, headers: e.headers }, { file: e.file });
  return dir;
}

export interface Replaying {
  /** The client answering from the replay folder; its `requests` are what the connector asked. */
  http: HttpClient;
  /** `fetchAndParse` of one report through that client (ask again, or for another report, with the same one). */
  ask(report: Report, ctx: RequestContext, source?: string): Promise<ParseResult>;
}

/** A connector asking a replay folder answering exactly these requests. */
export function replaying(connector: Connector, entries: ReplayEntry[]): Replaying {
  const http = new HttpClient({ replayDir: replayFolder(entries) });
  return { http, ask: (report, ctx, source = 'test') => fetchAndParse(connector, report, ctx, (r) => http.get(r), source) };
}

/** One report fetched (from a replay folder answering exactly these requests) and parsed, with the client that asked. */
export async function replayFetch(
  connector: Connector,
  report: Report,
  ctx: RequestContext,
  entries: ReplayEntry[],
  source = 'test',
): Promise<{ result: ParseResult; http: HttpClient }> {
  const { http, ask } = replaying(connector, entries);
  return { result: await ask(report, ctx, source), http };
}

/** A recorded body answering a GET of `url` (with `status`, 200 by default). */
export interface UrlEntry {
  url: string;
  file: string;
  status?: number;
}

/** `replayFetch` of a connector's report named by its id, each entry answering a GET of its URL. */
export function replayById(
  connector: Connector,
  reportId: string,
  ctx: RequestContext,
  entries: UrlEntry[],
): Promise<{ result: ParseResult; http: HttpClient }> {
  const recorded = entries.map((e) => ({ request: { url: e.url }, file: e.file, status: e.status }));
  return replayFetch(connector, reportById(connector, reportId), ctx, recorded);
}

/** Every request the client made carried this one header and nothing else, and the key shows nowhere in what it asked. */
export function expectKeyHeaderOnly(http: HttpClient, header: string, key: string): void {
  for (const r of http.requests) expect(r.headerNames).toEqual([header]);
  expect(JSON.stringify(http.requests)).not.toContain(key);
}
