// Docker cannot run on the build machines, so the compose file is checked for the structure
// users rely on: every service, pinned current images, start order, and a valid app config.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvSchema } from '../../platform/env';
import { projectRoot } from '../../platform/paths';
import { TEST_PAYLOAD_KEYS } from '../support/payload-keys';

const source = readFileSync(join(projectRoot, 'docker-compose.yml'), 'utf8');
const composeEnv: Record<string, string> = { PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_KEYS };
/** Compose's own interpolation of values: `${VAR:-default}`, and `${VAR:?message}` which stops without VAR. */
const interpolate = (value: unknown): unknown => {
  if (typeof value === 'string') {
    return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
      if (composeEnv[name]) return composeEnv[name];
      if (op === '?') throw new Error(`${name}: ${arg}`);
      return arg ?? '';
    });
  }
  if (Array.isArray(value)) return value.map(interpolate);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  return value;
};
const compose = interpolate(parse(source, { merge: true })) as { services: Record<string, any> };
const services = compose.services as Record<string, any>;

describe('docker-compose.yml', () => {
  it('has Postgres, Temporal with its schema set-up and UI, a mail catcher, api and worker', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'mailpit', 'postgresql', 'temporal', 'temporal-namespace', 'temporal-schema', 'temporal-ui', 'worker'].sort(),
    );
  });

  it('pins current images and avoids the deprecated auto-setup image', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.image) continue;
      expect(service.image, name).not.toMatch(/:latest$|auto-setup/);
    }
    expect(services.temporal.image).toBe('temporalio/server:1.31.0');
    expect(services['temporal-schema'].image).toBe('temporalio/admin-tools:1.31.0');
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:2\.\d+\.\d+$/);
  });

  it('persists Temporal in Postgres, with both schemas applied before the server starts', () => {
    expect(services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    const script = services['temporal-schema'].command.join('\n');
    for (const db of ['temporal', 'temporal_visibility']) expect(script).toContain(`--db ${db} setup-schema`);
    expect(script).toContain('/etc/temporal/schema/postgresql/v12/temporal/versioned');
    expect(script).toContain('/etc/temporal/schema/postgresql/v12/visibility/versioned');
    expect(services.temporal.depends_on['temporal-schema'].condition).toBe('service_completed_successfully');
    expect(services.api.depends_on['temporal-namespace'].condition).toBe('service_completed_successfully');
    expect(services.worker.depends_on.api.condition).toBe('service_healthy');
  });

  it('gives api and worker an environment the app accepts in production', () => {
    for (const name of ['api', 'worker']) {
      const env = EnvSchema.safeParse(services[name].environment);
      expect(env.success, `${name}: ${JSON.stringify(env.error?.issues)}`).toBe(true);
      expect(env.data!.NODE_ENV).toBe('production');
      expect(env.data!.DEMO_SEED).toBe(false);
      expect(env.data!.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(env.data!.SMTP_URL).toBe('smtp://mailpit:1025');
    }
    expect(services.worker.environment.WORKFLOW_BUNDLE_PATH).toBe('/app/dist/workflow-bundle.js');
  });

  it('requires the payload key from the environment and lets the Temporal UI decode through the API for admins', () => {
    expect(source).toMatch(/PAYLOAD_ENCRYPTION_KEYS: \$\{PAYLOAD_ENCRYPTION_KEYS:\?/);
    expect(services.api.environment.PAYLOAD_ENCRYPTION_KEYS).toBe(TEST_PAYLOAD_KEYS);
    expect(services['temporal-ui'].environment).toMatchObject({
      TEMPORAL_CODEC_ENDPOINT: `${services.api.environment.PUBLIC_URL}/api/temporal-codec`,
      TEMPORAL_CODEC_INCLUDE_CREDENTIALS: 'true',
    });
  });

  it('publishes the app, the Temporal UI and the mail catcher', () => {
    expect(services.api.ports).toContain('3000:3000');
    expect(services['temporal-ui'].ports).toContain('8080:8080');
    expect(services.mailpit.ports).toContain('8025:8025');
  });
});
