import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER = '/usr/sbin/clickhouse-server';

/** The server binary, or undefined where ClickHouse is not installed (tests then skip, saying why). */
export function clickhouseServerPath(): string | undefined {
  return existsSync(SERVER) ? SERVER : undefined;
}

export interface ClickHouseServer {
  httpPort: number;
  tcpPort: number;
  /** `clickhouse://default:<password>@127.0.0.1:<http>/<database>`. */
  url(database: string): string;
  password: string;
}

export interface ClickHouseCluster {
  servers: ClickHouseServer[];
  /** The cluster's name in every server's remote_servers. */
  name: string;
  /** A store URL over every server: the first one's, with the cluster and its shards (see ClickHouseStoreOptions.shardUrls). */
  clusterUrl(database: string): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function configXml(dir: string, http: number, tcp: number, interserver: number, shards: { tcp: number }[], cluster: string): string {
  const remote = shards
    .map((s) => `<shard><replica><host>127.0.0.1</host><port>${s.tcp}</port><password>${PASSWORD}</password></replica></shard>`)
    .join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/err.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <interserver_http_port>${interserver}</interserver_http_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <remote_servers><${cluster}>${remote}</${cluster}></remote_servers>
</yandex>
`;
}

const PASSWORD = `pw${Math.random().toString(36).slice(2, 12)}`;

const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password>${PASSWORD}</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

async function answers(httpPort: number): Promise<boolean> {
  try {
    const auth = Buffer.from(`default:${PASSWORD}`).toString('base64');
    const res = await fetch(`http://127.0.0.1:${httpPort}/?query=SELECT%201`, { headers: { Authorization: `Basic ${auth}` } });
    return res.ok && (await res.text()).trim() === '1';
  } catch {
    return false;
  }
}

/** Runs one statement on a server (as `default`, over HTTP) and returns its answer's text. */
export async function clickhouseQuery(server: ClickHouseServer, sql: string): Promise<string> {
  const auth = Buffer.from(`default:${server.password}`).toString('base64');
  const res = await fetch(`http://127.0.0.1:${server.httpPort}/`, {
    method: 'POST',
    body: sql,
    headers: { Authorization: `Basic ${auth}` },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`ClickHouse on ${server.httpPort} answered ${res.status} to ${sql.slice(0, 80)}: ${text.slice(0, 300)}`);
  return text;
}

/**
 * Starts `count` clickhouse-server processes, each in a fresh temp dir on free ports of 127.0.0.1,
 * all listing each other as the shards of one cluster; resolves when each answers `SELECT 1`.
 * With `keepDir`, server i lives in `keepDir/server-i` instead, kept at stop: a later call with
 * the same folder restarts the servers on their data (new ports, same cluster name).
 */
export async function startClickHouse(count = 1, keepDir?: string): Promise<ClickHouseCluster> {
  const name = 'gridcell_test';
  const ports = [];
  for (let i = 0; i < count; i++) ports.push({ http: await freePort(), tcp: await freePort(), interserver: await freePort() });
  const children: { child: ChildProcess; exited: Promise<void>; dir: string }[] = [];
  const stop = async () => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGTERM');
    await Promise.all(
      children.map(async (c) => {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([c.exited, new Promise<void>((r) => (timer = setTimeout(r, 10_000)))]);
        clearTimeout(timer);
        if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
      }),
    );
    if (!keepDir) for (const c of children) rmSync(c.dir, { recursive: true, force: true });
  };
  try {
    for (const [i, p] of ports.entries()) {
      const dir = keepDir ? join(keepDir, `server-${i}`) : mkdtempSync(join(tmpdir(), 'gridcell-ch-'));
      for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, 'config.xml'), configXml(dir, p.http, p.tcp, p.interserver, ports, name));
      writeFileSync(join(dir, 'users.xml'), USERS_XML);
      const child = spawn(SERVER, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      children.push({ child, exited, dir });
    }
    const deadline = Date.now() + 60_000;
    for (let i = 0; i < ports.length; i++) {
      while (!(await answers(ports[i].http))) {
        if (children[i].child.exitCode !== null) throw new Error(`clickhouse-server exited (${children[i].dir}/err.log)`);
        if (Date.now() > deadline) throw new Error(`clickhouse-server on ${ports[i].http} did not answer in 60 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (e) {
    await stop();
    throw e;
  }
  const servers = ports.map((p) => ({
    httpPort: p.http,
    tcpPort: p.tcp,
    password: PASSWORD,
    url: (database: string) => `clickhouse://default:${PASSWORD}@127.0.0.1:${p.http}/${database}`,
  }));
  const shards = ports.map((p) => `127.0.0.1:${p.http}`).join(',');
  return { name, servers, clusterUrl: (database) => `${servers[0].url(database)}?cluster=${name}&shards=${shards}`, stop };
}
