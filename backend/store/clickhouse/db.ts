import type { ClickHouseClient } from '@clickhouse/client';
import { connect, withoutPassword, type ClickHouseTarget } from './connection';

/** Inserts are sent in blocks of this many rows: ClickHouse wants few large inserts. */
export const INSERT_BLOCK_ROWS = 200_000;

/** The three things the store does with the server, each failing with an error free of the password. */
export class ClickHouseDb {
  private readonly client: ClickHouseClient;

  constructor(readonly target: ClickHouseTarget) {
    this.client = connect(target);
  }

  async rows<T>(sql: string): Promise<T[]> {
    try {
      const result = await this.client.query({ query: sql, format: 'JSONEachRow' });
      return await result.json<T>();
    } catch (e) {
      throw withoutPassword(e, this.target);
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
