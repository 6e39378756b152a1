import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { allSearchAttributeKeys } from '../workflows/search-attributes';
import type { Env } from './env';
import { cauceDataConverter } from './payload-codec';

type TemporalEnv = Pick<
  Env,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_API_KEY'
  | 'TEMPORAL_TLS'
  | 'TEMPORAL_TLS_CERT_PATH'
  | 'TEMPORAL_TLS_KEY_PATH'
  | 'TEMPORAL_TLS_CA_PATH'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'PAYLOAD_ENCRYPTION_KEYS'
>;

function connectionOptions(env: TemporalEnv): NativeConnectionOptions {
  const mtls = env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH;
  const wantsTls = env.TEMPORAL_TLS ?? Boolean(mtls || env.TEMPORAL_TLS_CA_PATH || env.TEMPORAL_API_KEY);
  const tls = wantsTls
    ? {
        serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME,
        serverRootCACertificate: env.TEMPORAL_TLS_CA_PATH ? readFileSync(env.TEMPORAL_TLS_CA_PATH) : undefined,
        clientCertPair: mtls
          ? { crt: readFileSync(env.TEMPORAL_TLS_CERT_PATH!), key: readFileSync(env.TEMPORAL_TLS_KEY_PATH!) }
          : undefined,
      }
    : false;
  return { address: env.TEMPORAL_ADDRESS, tls, apiKey: env.TEMPORAL_API_KEY };
}

export async function connectTemporalClient(env: TemporalEnv): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(env) as Parameters<typeof Connection.connect>[0]);
  return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: cauceDataConverter(env.PAYLOAD_ENCRYPTION_KEYS) });
}

export function connectWorkerConnection(env: TemporalEnv): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(env));
}

/**
 * Registers our search attributes on every start: the CLI only adds --search-attribute when it
 * creates the namespace, so a persisted dev server would silently miss attributes added later.
 */
export async function registerSearchAttributes(client: Client, namespace: string): Promise<void> {
  // The time-skipping test server cannot list; then every attribute is added.
  const existing = await client.connection.operatorService.listSearchAttributes({ namespace }).catch(() => null);
  const have = new Set(Object.keys(existing?.customAttributes ?? {}));
  const missing = allSearchAttributeKeys.filter((k) => !have.has(k.name));
  if (missing.length === 0) return;
  const searchAttributes = Object.fromEntries(
    missing.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!]),
  );
  try {
    await client.connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } catch (err) {
    if (!/already exists/i.test(String((err as Error).message))) throw err;
  }
}

/** Waits until the frontend answers; the dev server takes a few seconds on a cold start. */
export async function waitForTemporal(env: TemporalEnv, timeoutMs = 60_000): Promise<Client> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const client = await connectTemporalClient(env);
      await client.connection.workflowService.getSystemInfo({});
      return client;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${env.TEMPORAL_ADDRESS} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}
