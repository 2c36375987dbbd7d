import type { AxiosError, AxiosStatic } from 'axios';
import { GridError, type HostLimit } from '../domain';
import { ProxyAgents, UNTRUSTED_CERTIFICATE } from './proxy';
import { capText, readRecording, writeRecording } from './replay';
import { MIN_FRAGMENT, redactedUrl, redactor, secretValuesOf, type Redact } from './secrets';
import type { HttpRequest, HttpResponse } from './types';

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_RETRY_WAIT_MS = 120_000;
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry credentials whatever a request names as secret: never sent on to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** An upstream's error answer shows in a message as at most this many characters, read from at most EXCERPT_SOURCE_BYTES. */
const EXCERPT_CHARS = 160;
const EXCERPT_SOURCE_BYTES = 4096;

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
  /** The clock spacing and backoff run on: real time unless a test simulates it. */
  time?: HttpTime;
  /** Where redacted request lines go (never a secret). */
  log?: (line: string) => void;
  /** How gridcell names itself to the operators (some filter unknown agents). */
  userAgent?: string;
}

/** `gridcell/0.1.0`, with a way to reach whoever runs it when GRIDCELL_CONTACT gives one. */
export function userAgentOf(version: string, contact?: string): string {
  return `gridcell/${version} (wholesale market data for Excel${contact ? `; +${contact}` : ''})`;
}

/** What spacing and backoff wait on. */
export interface HttpTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_TIME: HttpTime = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface RequestLogEntry {
  method: string;
  url: string;
  headerNames: string[];
  source: 'network' | 'replay';
}

/**
 * The only way gridcell talks to the outside: timeouts, retries with backoff that honour
 * Retry-After, per-host concurrency and spacing, a response size cap, redirects followed hop by
 * hop (each checked against the request's allowed hosts, secrets kept from other origins),
 * record/replay, offline. Nothing an upstream says reaches a message but a short redacted excerpt.
 */
export class HttpClient {
  /** Redacted log of every request made (tests read it to check URLs and headers). */
  readonly requests: RequestLogEntry[] = [];
  private readonly hosts = new Map<string, HostGate>();
  private readonly proxies = new ProxyAgents();

  private readonly time: HttpTime;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.time = options.time ?? REAL_TIME;
  }

  setHostLimits(limits: Record<string, HostLimit>): void {
    for (const [host, limit] of Object.entries(limits)) this.gate(host).limit = { ...this.gate(host).limit, ...limit };
  }

  async get(request: HttpRequest): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    const shownUrl = redactedUrl(request);
    const headerNames = Object.keys(request.headers ?? {});
    checkAllowed(request, request.url, `Refusing a request to ${hostOf(request.url)}`);
    const redact = redactor(secretValuesOf(request));
    if (this.options.replayDir) {
      this.requests.push({ method, url: shownUrl, headerNames, source: 'replay' });
      const recorded = readRecording(this.options.replayDir, request, this.maxBytesOf(request));
      if (!recorded) {
        if (this.options.offline) throw notCached(shownUrl);
        throw new GridError('NOT_CACHED', `No recording of ${method} ${shownUrl} in the replay folder ${this.options.replayDir}.`);
      }
      return checkStatus(request, recorded, shownUrl, redact);
    }
    if (this.options.offline) throw notCached(shownUrl);
    this.requests.push({ method, url: shownUrl, headerNames, source: 'network' });
    const host = hostOf(request.url);
    const gate = this.gate(host);
    const response = await gate.run(() => this.sendWithRetries(request, shownUrl, redact, gate.limit.minIntervalMs ?? 0));
    if (this.options.recordDir) writeRecording(this.options.recordDir, request, response, response.body);
    return checkStatus(request, response, shownUrl, redact);
  }

  /** A retry waits at least the host's spacing: a 429 is never answered by a quicker request than the host allows. */
  private async sendWithRetries(request: HttpRequest, shownUrl: string, redact: Redact, minWaitMs: number): Promise<HttpResponse> {
    const retries = this.options.retries ?? 3;
    const sleep = (ms: number) => this.time.sleep(Math.max(ms, minWaitMs));
    for (let attempt = 0; ; attempt++) {
      try {
        this.options.log?.(`${request.method ?? 'GET'} ${shownUrl}${attempt ? ` (retry ${attempt})` : ''}`);
        const response = await this.followRedirects(request, shownUrl);
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
          redact(
            `${hostOf(request.url)}: the request to ${shownUrl} ${what} after ${attempt + 1} attempt(s). Try again later; what is already cached can still be read.`,
          ),
        );
      }
    }
  }

  /** Sends the request and each redirect it is answered with, as a request of its own. */
  private async followRedirects(request: HttpRequest, shownUrl: string): Promise<HttpResponse> {
    let hop = request;
    for (let redirects = 0; ; redirects++) {
      const response = await this.send(hop);
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.location : undefined;
      if (!location) return response;
      if (redirects === MAX_REDIRECTS)
        throw new GridError(
          'UPSTREAM',
          `${hostOf(request.url)}: ${shownUrl} was redirected more than ${MAX_REDIRECTS} times; gridcell stopped following.`,
        );
      hop = redirected(request, hop, response.status, location);
    }
  }

  private async send(request: HttpRequest): Promise<HttpResponse> {
    const maxBytes = this.maxBytesOf(request);
    const axios = await loadAxios();
    try {
      const agents = await this.proxies.agentsFor(request.url);
      const res = await axios.request<ArrayBuffer>({
        method: request.method ?? 'GET',
        url: request.url,
        headers: { 'User-Agent': this.options.userAgent ?? userAgentOf('0'), ...request.headers },
        data: request.body,
        responseType: 'arraybuffer',
        timeout: request.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxContentLength: maxBytes,
        maxBodyLength: 1024 * 1024,
        maxRedirects: 0,
        validateStatus: () => true,
        decompress: true,
        proxy: false,
        ...agents,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers ?? {})) if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
      return { url: request.url, status: res.status, headers, body: Buffer.from(res.data ?? new ArrayBuffer(0)) };
    } catch (e) {
      const err = e as AxiosError;
      if (err.code && UNTRUSTED_CERTIFICATE.has(err.code))
        throw new GridError(
          'UPSTREAM',
          `${hostOf(request.url)}: its certificate is not trusted (${err.code}). Behind a proxy that inspects TLS, set NODE_EXTRA_CA_CERTS to the file of the proxy's CA certificate and start gridcell again.`,
        );
      if (err.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(err.message)) {
        throw new GridError(
          'TOO_LARGE',
          `${hostOf(request.url)}: the response is larger than the ${capText(maxBytes)} cap; ask for a shorter period.`,
        );
      }
      throw e;
    }
  }

  private maxBytesOf(request: HttpRequest): number {
    return request.maxBytes ?? this.options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  private waitFor(retryAfter: string | undefined, attempt: number): number {
    if (retryAfter) {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - this.time.now();
      if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_RETRY_WAIT_MS);
    }
    // Jittered (half to all of the step), so that clients retrying together spread out.
    const step = Math.min((this.options.backoffMs ?? 500) * 2 ** attempt, MAX_RETRY_WAIT_MS);
    return step / 2 + Math.random() * (step / 2);
  }

  private gate(host: string): HostGate {
    let gate = this.hosts.get(host);
    if (!gate) {
      gate = new HostGate({ concurrency: 4, ...this.options.hostLimits?.[host] }, this.time);
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

  constructor(
    public limit: HostLimit,
    private readonly time: HttpTime,
  ) {}

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
    const now = this.time.now();
    const wait = this.lastStart + gap - now;
    this.lastStart = Math.max(now, this.lastStart + gap);
    if (wait > 0) await this.time.sleep(wait);
  }
}

/** The next hop of a redirect: on an allowed host, without secrets when it leaves the first request's origin. */
function redirected(first: HttpRequest, hop: HttpRequest, status: number, location: string): HttpRequest {
  const next = URL.canParse(location, hop.url) ? new URL(location, hop.url) : undefined;
  if (!next || (next.protocol !== 'https:' && next.protocol !== 'http:'))
    throw new GridError('UPSTREAM', `${hostOf(hop.url)} redirected to something that is not a web address; gridcell did not follow.`);
  checkAllowed(first, next.href, `${hostOf(hop.url)} redirected to ${next.host}`);
  let headers = hop.headers;
  if (next.origin !== new URL(first.url).origin) {
    const secret = new Set([...CREDENTIAL_HEADERS, ...(first.secrets ?? []).map((s) => s.toLowerCase())]);
    headers = Object.fromEntries(Object.entries(hop.headers ?? {}).filter(([name]) => !secret.has(name.toLowerCase())));
  }
  const asGet = status === 303 || ((status === 301 || status === 302) && hop.method === 'POST');
  return { ...hop, url: next.href, headers, ...(asGet ? { method: 'GET', body: undefined } : {}) };
}

function checkAllowed(request: HttpRequest, url: string, what: string): void {
  const host = hostOf(url);
  if (request.allowedHosts && !request.allowedHosts.some((allowed) => allowed.toLowerCase() === host))
    throw new GridError(
      'UNSAFE_INPUT',
      `${what}, which is not one of the hosts this source may call (${request.allowedHosts.join(', ')}).`,
    );
}

function checkStatus(request: HttpRequest, response: HttpResponse, shownUrl: string, redact: Redact): HttpResponse {
  const host = hostOf(response.url);
  if ((response.status >= 200 && response.status < 300) || request.answersIn?.includes(response.status)) return response;
  const excerpt = excerptOf(response, redact);
  const said = excerpt ? ` (it said: "${excerpt}")` : '';
  if (response.status === 401 || response.status === 403) {
    throw new GridError(
      'MISSING_KEY',
      `${host} refused the request (${response.status}) for ${shownUrl}${said}: check that the API key or login for this market is set and valid.`,
    );
  }
  if (response.status === 404) {
    throw new GridError(
      'NOT_PUBLISHED',
      `${host} has nothing at ${shownUrl} (404)${said}: the report is not published yet for that date, or does not exist.`,
    );
  }
  if (response.status === 413 || response.status === 414) {
    throw new GridError('TOO_LARGE', `${host} refused the request as too large (${response.status}); ask for a shorter period.`);
  }
  throw new GridError(
    'UPSTREAM',
    `${host} answered ${response.status} for ${shownUrl}${said}. Try again later; what is already cached can still be read.`,
  );
}

/**
 * A short line of an upstream's error answer (an HTML page's title), for a person: secrets are
 * removed before anything is cut, and an answer that is not text gives none.
 */
function excerptOf(response: HttpResponse, redact: Redact): string {
  const type = response.headers['content-type'] ?? '';
  const source = response.body.subarray(0, EXCERPT_SOURCE_BYTES);
  if ((type && !/text|json|xml/i.test(type)) || source.includes(0)) return '';
  let text = redact(source.toString('utf8'));
  // A secret cut at the end of what was read, too short to be recognized, goes with that end.
  if (response.body.length > source.length) text = text.slice(0, -(MIN_FRAGMENT - 1));
  const title = /<title[^>]*>([^<]*)/i.exec(text)?.[1];
  if (title !== undefined || /html/i.test(type)) text = title ?? '';
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

function notCached(shownUrl: string): GridError {
  return new GridError(
    'NOT_CACHED',
    `Not in the cache, and gridcell is offline (it would fetch ${shownUrl}). Import the source's file, or go online.`,
  );
}

let axiosModule: Promise<AxiosStatic> | undefined;

/** axios and its dependencies take ~60 ms to load: a command that never fetches (an import, --version) does not pay it. */
function loadAxios(): Promise<AxiosStatic> {
  return (axiosModule ??= import('axios').then((m) => m.default));
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'upstream';
  }
}
