export { ClickHouseSeriesStore, type ClickHouseStoreOptions } from './clickhouse-store';
export { parseClickHouseUrl } from './connection';
