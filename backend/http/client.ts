import axios, { type AxiosError } from 'axios';
import { GridError, type HostLimit } from '../domain';
import { readRecording, writeRecording } from './replay';
import { redactedUrl, scrub, secretValuesOf } from './secrets';
import type { HttpRequest, HttpResponse } from './types';

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_RETRY_WAIT_MS = 120_000;

export interface HttpClientOptions {
  offline?: boolean;
  recordDir?: string;
  replayDir?: string;
  retries?: number;
  /** First backoff step; doubles each retry unless the server says Retry-After. */
  backoffMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  hostLimits?: Record<string, HostLimit>;
  sleep?: (ms: number) => Promise<void>;
  /** Where redacted request lines go (never a secret). */
  log?: (line: string) => void;
}

export interface RequestLogEntry {
  method: string;
  url: string;
  headerNames: string[];
  source: 'network' | 'replay';
}

/**
 * The only way gridcell talks to the outside: timeouts, retries with backoff that honour
 * Retry-After, per-host concurrency and spacing, a response size cap, record/replay, offline.
 */
export class HttpClient {
  /** Redacted log of every request made (tests read it to check URLs and headers). */
  readonly requests: RequestLogEntry[] = [];
  private readonly hosts = new Map<string, HostGate>();

  constructor(private readonly options: HttpClientOptions = {}) {}

  setHostLimits(limits: Record<string, HostLimit>): void {
    for (const [host, limit] of Object.entries(limits)) this.gate(host).limit = { ...this.gate(host).limit, ...limit };
  }

  async get(request: HttpRequest): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    const shownUrl = redactedUrl(request);
    const headerNames = Object.keys(request.headers ?? {});
    if (this.options.replayDir) {
      this.requests.push({ method, url: shownUrl, headerNames, source: 'replay' });
      const recorded = readRecording(this.options.replayDir, request);
      if (!recorded) {
        if (this.options.offline) throw notCached(shownUrl);
        throw new GridError('NOT_CACHED', `No recording of ${method} ${shownUrl} in the replay folder ${this.options.replayDir}.`);
      }
      return checkStatus(recorded, shownUrl);
    }
    if (this.options.offline) throw notCached(shownUrl);
    this.requests.push({ method, url: shownUrl, headerNames, source: 'network' });
    const host = hostOf(request.url);
    const response = await this.gate(host).run(() => this.sendWithRetries(request, shownUrl));
    if (this.options.recordDir) writeRecording(this.options.recordDir, request, response, response.body);
    return checkStatus(response, shownUrl);
  }

  private async sendWithRetries(request: HttpRequest, shownUrl: string): Promise<HttpResponse> {
    const retries = this.options.retries ?? 3;
    const sleep = this.options.sleep ?? defaultSleep;
    const secrets = secretValuesOf(request);
    for (let attempt = 0; ; attempt++) {
      try {
        this.options.log?.(`${request.method ?? 'GET'} ${shownUrl}${attempt ? ` (retry ${attempt})` : ''}`);
        const response = await this.send(request);
        if ((response.status === 429 || response.status >= 500) && attempt < retries) {
          await sleep(this.waitFor(response.headers['retry-after'], attempt));
          continue;
        }
        return response;
      } catch (e) {
        if (e instanceof GridError) throw e;
        const err = e as AxiosError;
        const transient = [
          'ECONNRESET',
          'ETIMEDOUT',
          'ECONNABORTED',
          'ECONNREFUSED',
          'EAI_AGAIN',
          'EPIPE',
          'ERR_SOCKET_CONNECTION_TIMEOUT',
        ].includes(err.code ?? '');
        if (transient && attempt < retries) {
          await sleep(this.waitFor(undefined, attempt));
          continue;
        }
        const what = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' ? 'timed out' : `failed (${err.code ?? err.message})`;
        throw new GridError(
          'UPSTREAM',
          scrub(
            `${hostOf(request.url)}: the request to ${shownUrl} ${what} after ${attempt + 1} attempt(s). Try again later, or use --offline for cached data.`,
            secrets,
          ),
        );
      }
    }
  }

  private async send(request: HttpRequest): Promise<HttpResponse> {
    const maxBytes = request.maxBytes ?? this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    try {
      const res = await axios.request<ArrayBuffer>({
        method: request.method ?? 'GET',
        url: request.url,
        headers: { 'User-Agent': 'gridcell/0.1', ...request.headers },
        data: request.body,
        responseType: 'arraybuffer',
        timeout: request.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxContentLength: maxBytes,
        maxBodyLength: 1024 * 1024,
        maxRedirects: 3,
        validateStatus: () => true,
        decompress: true,
        proxy: false,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers ?? {})) if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
      return { url: request.url, status: res.status, headers, body: Buffer.from(res.data ?? new ArrayBuffer(0)) };
    } catch (e) {
      const err = e as AxiosError;
      if (err.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(err.message)) {
        throw new GridError(
          'TOO_LARGE',
          `${hostOf(request.url)}: the response is larger than the ${Math.round(maxBytes / 1048576)} MiB cap; ask for a shorter period.`,
        );
      }
      throw e;
    }
  }

  private waitFor(retryAfter: string | undefined, attempt: number): number {
    if (retryAfter) {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_RETRY_WAIT_MS);
    }
    return Math.min((this.options.backoffMs ?? 500) * 2 ** attempt, MAX_RETRY_WAIT_MS);
  }

  private gate(host: string): HostGate {
    let gate = this.hosts.get(host);
    if (!gate) {
      gate = new HostGate({ concurrency: 4, ...this.options.hostLimits?.[host] });
      this.hosts.set(host, gate);
    }
    return gate;
  }
}

/** Per-host concurrency and spacing between call starts. */
class HostGate {
  private active = 0;
  private lastStart = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(public limit: HostLimit) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private async acquire(): Promise<void> {
    if (this.active >= (this.limit.concurrency ?? 4)) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    const gap = this.limit.minIntervalMs ?? 0;
    const wait = this.lastStart + gap - Date.now();
    this.lastStart = Math.max(Date.now(), this.lastStart + gap);
    if (wait > 0) await defaultSleep(wait);
  }
}

function checkStatus(response: HttpResponse, shownUrl: string): HttpResponse {
  const host = hostOf(response.url);
  if (response.status >= 200 && response.status < 300) return response;
  if (response.status === 401 || response.status === 403) {
    throw new GridError(
      'MISSING_KEY',
      `${host} refused the request (${response.status}) for ${shownUrl}: check that the API key or login for this market is set and valid.`,
    );
  }
  if (response.status === 404) {
    throw new GridError(
      'NOT_PUBLISHED',
      `${host} has nothing at ${shownUrl} (404): the report is not published yet for that date, or does not exist.`,
    );
  }
  if (response.status === 413 || response.status === 414) {
    throw new GridError('TOO_LARGE', `${host} refused the request as too large (${response.status}); ask for a shorter period.`);
  }
  throw new GridError(
    'UPSTREAM',
    `${host} answered ${response.status} for ${shownUrl}. Try again later, or use --offline for cached data.`,
  );
}

function notCached(shownUrl: string): GridError {
  return new GridError(
    'NOT_CACHED',
    `Not in the cache, and gridcell is offline (would fetch ${shownUrl}). Import the file with "gridcell import", or go online.`,
  );
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'upstream';
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
