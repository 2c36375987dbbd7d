import { API_PREFIX, KEY_VALUE_MAX_LENGTH, KEYS_PATH, type KeyResponse } from '../../contract';
import { ConfigFileError, type KeyStore } from '../config';
import type { Connector } from '../connectors/types';
import { GridError } from '../domain';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * API keys given from the taskpane's Settings: stored in the config file and used at once. A
 * message here never holds a key's value, only the variable's name.
 */
export class KeySettings {
  /** The markets using each key variable, by its name. */
  private readonly users = new Map<string, string[]>();

  constructor(
    connectors: readonly Connector[],
    private readonly keys: KeyStore,
  ) {
    for (const { market } of connectors) for (const k of market.keys) this.users.set(k.env, [...(this.users.get(k.env) ?? []), market.id]);
  }

  /** PUT /keys/:env with `{"value": "..."}`. */
  save(envText: string, body: unknown): KeyResponse {
    const env = this.name(envText);
    const value = keyValue(body);
    if (this.keys.source(env) === 'environment')
      throw new GridError(
        'BAD_REQUEST',
        `${env} is set in the server's environment, which comes before the config file: change or unset it there and restart the server.`,
      );
    this.write(() => this.keys.save(env, value));
    return this.state(env);
  }

  /** DELETE /keys/:env. */
  remove(envText: string): KeyResponse {
    const env = this.name(envText);
    this.write(() => this.keys.remove(env));
    return this.state(env);
  }

  private state(env: string): KeyResponse {
    const from = this.keys.source(env);
    return { env, set: from !== undefined, ...(from ? { from } : {}), markets: this.users.get(env) ?? [] };
  }

  private name(text: string): string {
    const env = text.trim().toUpperCase();
    if (this.users.has(env)) return env;
    throw new GridError(
      'BAD_REQUEST',
      `No market uses a key named "${text.slice(0, 60)}"; the keys are ${[...this.users.keys()].sort().join(', ')}.`,
    );
  }

  private write(change: () => void): void {
    try {
      change();
    } catch (e) {
      if (e instanceof ConfigFileError) throw new GridError('INTERNAL', e.message);
      throw e;
    }
  }
}

/** The key of a `{"value": "..."}` body, trimmed; refused when empty, too long or holding control characters. */
function keyValue(body: unknown): string {
  const example = `Send {"value": "<the key>"} as JSON to PUT ${API_PREFIX}${KEYS_PATH}/<NAME>; DELETE removes a key.`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new GridError('BAD_REQUEST', example);
  const { value, ...others } = body as Record<string, unknown>;
  const extra = Object.keys(others);
  if (extra.length)
    throw new GridError(
      'BAD_REQUEST',
      `The body has fields other than "value" (${extra.map((k) => k.slice(0, 40)).join(', ')}). ${example}`,
    );
  if (typeof value !== 'string') throw new GridError('BAD_REQUEST', `"value" must be text. ${example}`);
  if (value.length > KEY_VALUE_MAX_LENGTH)
    throw new GridError('BAD_REQUEST', `The key is ${value.length} characters long; a key has at most ${KEY_VALUE_MAX_LENGTH}.`);
  if (CONTROL_CHARACTER.test(value) || LONE_SURROGATE.test(value))
    throw new GridError('BAD_REQUEST', 'The key holds a control character (such as a line break or a tab); paste the key alone.');
  const trimmed = value.trim();
  if (!trimmed) throw new GridError('BAD_REQUEST', `The key is empty. To remove a key, send DELETE ${API_PREFIX}${KEYS_PATH}/<NAME>.`);
  return trimmed;
}
