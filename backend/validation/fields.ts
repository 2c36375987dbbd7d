import type { ErrorCode, FieldError } from '../../contract';
import { GridError } from '../domain';

/** The text of a request's parameters, as the API or the command line received them. */
export type RawParams = Readonly<Record<string, string | undefined>>;

/**
 * Reads a request's fields one by one, keeping going past a wrong one, so that the answer names
 * every wrong field at once: one entry per field, each with its own code and message.
 */
export class FieldReader {
  private readonly errors: FieldError[] = [];

  constructor(
    private readonly params: RawParams,
    allowed: readonly string[],
  ) {
    const unknown = Object.keys(params).filter((k) => !allowed.includes(k));
    for (const name of unknown)
      this.fail(name, 'BAD_REQUEST', `There is no parameter "${name}" here; the parameters are ${allowed.join(', ')}.`);
  }

  /** The trimmed text of a field, or undefined when it is absent or blank. */
  text(name: string): string | undefined {
    const v = this.params[name]?.trim();
    return v ? v : undefined;
  }

  /** A field that must be given. */
  required(name: string, example: string): string | undefined {
    const v = this.text(name);
    if (v === undefined) this.fail(name, 'BAD_REQUEST', `Say which ${name}, e.g. ${name}=${example}.`);
    return v;
  }

  /** `read(text)` of the field, or undefined (with the field's error noted) when it throws a GridError. */
  read<T>(name: string, read: () => T): T | undefined {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof GridError)) throw e;
      this.fail(name, e.code, e.message);
      return undefined;
    }
  }

  fail(field: string, code: ErrorCode, message: string): void {
    this.errors.push({ field, code, message });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Throws one error naming every wrong field, if there is any. */
  finish(): void {
    if (!this.errors.length) return;
    const codes = new Set(this.errors.map((e) => e.code));
    const code = codes.size === 1 ? this.errors[0].code : 'BAD_REQUEST';
    throw new GridError(code, this.errors.map((e) => e.message).join(' '), this.errors);
  }
}
