// The Temporal CLI dev server as a child process: persistent SQLite under the data folder,
// tuned for a single writer, with its Web UI.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { temporalCliPath } from './tools';
import { allSearchAttributeKeys } from '../workflows/search-attributes';

export interface DevServerOptions {
  dataDir: string;
  port: number;
  uiPort?: number;
  namespace: string;
  /** The Web UI decodes encrypted payloads through this endpoint (the API's codec). */
  codecEndpoint?: string;
  /** Where the server's own output goes; the dev server is chatty only at warn level. */
  onOutput?: (line: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const typeNames: Record<string, string> = {
  KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList',
};

export function devServerArgs(o: DevServerOptions): string[] {
  const dir = resolve(o.dataDir);
  return [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(o.port),
    ...(o.uiPort ? ['--ui-port', String(o.uiPort)] : ['--headless']),
    '--db-filename', join(dir, 'temporal.db'),
    '--sqlite-pragma', 'journal_mode=WAL',
    '--sqlite-pragma', 'synchronous=NORMAL',
    '--namespace', o.namespace,
    '--log-level', 'warn',
    '--ui-disable-news-fetch',
    ...(o.uiPort && o.codecEndpoint ? ['--ui-codec-endpoint', o.codecEndpoint] : []),
    ...allSearchAttributeKeys.flatMap((k) => ['--search-attribute', `${k.name}=${typeNames[k.type]}`]),
  ];
}

export function startTemporalDevServer(o: DevServerOptions): DevServer {
  mkdirSync(o.dataDir, { recursive: true });
  const child = spawn(temporalCliPath(), devServerArgs(o), { stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) o.onOutput?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return {
    address: `127.0.0.1:${o.port}`,
    uiUrl: o.uiPort ? `http://localhost:${o.uiPort}` : undefined,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
