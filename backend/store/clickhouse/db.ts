import type { ClickHouseClient } from '@clickhouse/client';
import { connect, withoutPassword, type ClickHouseTarget } from './connection';

/** Inserts are sent in blocks of this many rows: ClickHouse wants few large inserts. */
export const INSERT_BLOCK_ROWS = 200_000;

/** A read's attempts on sockets found closed: each takes another of the pool's idle ones, or a new one. */
const READ_ATTEMPTS = 3;

/** The connection closed before an answer came (the server had dropped it, or dropped it on reading the request). */
function closedUnderneath(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'ECONNRESET' || /socket hang up/.test((e as Error).message);
}

/** The three things the store does with the server, each failing with an error free of the password. */
export class ClickHouseDb {
  private readonly client: ClickHouseClient;

  constructor(readonly target: ClickHouseTarget) {
    this.client = connect(target);
  }

  /**
   * A read is asked again when the server had already closed the kept-alive socket it was sent on
   * (its keep-alive timeout, 3 s before 23.11, can pass while a busy client still holds the
   * socket as idle): reading twice changes nothing. Writes are not repeated.
   */
  async rows<T>(sql: string): Promise<T[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.client.query({ query: sql, format: 'JSONEachRow' });
        return await result.json<T>();
      } catch (e) {
        if (attempt < READ_ATTEMPTS && closedUnderneath(e)) continue;
        throw withoutPassword(e, this.target);
      }
    }
  }

  async command(sql: string): Promise<void> {
    try {
      await this.client.command({ query: sql });
    } catch (e) {
      throw withoutPassword(e, this.target);
    }
  }

  /** Rows in the request's body (JSONEachRow), never in the SQL. */
  async insert(table: string, rows: readonly object[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_BLOCK_ROWS) {
      try {
        await this.client.insert({ table, values: rows.slice(i, i + INSERT_BLOCK_ROWS) as object[], format: 'JSONEachRow' });
      } catch (e) {
        throw withoutPassword(e, this.target);
      }
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
