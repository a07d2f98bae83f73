/**
 * docker-compose.yml, Dockerfile and .dockerignore checked against the code they deploy (this machine
 * has no container engine): the variables are golive settings, the commands exist, ports, health
 * checks, volumes and start-up order line up.
 */
import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import express from 'express';
import { openAuth } from '../../api/auth';
import { codecRouter } from '../../api/routes/codec';
import { registerCommands } from '../../cli/commands';
import { mountedRoutes } from '../support/express-routes';
import { healthUrl } from '../../scripts/container-health';
import { projectRoot } from '../../workers/project-root';
import { readSettings, REQUIRED_SETTINGS, SETTING_NAMES, type SettingUser } from '../../workers/settings';

interface Service {
  image?: string;
  restart?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const KEY = Buffer.alloc(32, 7).toString('base64');
/** What the operator exports before `docker compose up` (the comment at the top of the file). */
const shellEnv: Record<string, string> = { GOLIVE_CODEC_KEYS: `k1:${KEY}`, GOLIVE_ATTESTATION_KEYS: `a1:${KEY}`, GOLIVE_TOKENS: '{"tokens":[]}' };

/** Compose's interpolation of ${NAME}, ${NAME:-default} and ${NAME:?message}. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_all, name: string, kind?: string, rest?: string) => {
    const set = shellEnv[name];
    if (set !== undefined) return set;
    if (kind === '?') throw new Error(`${name} is required: ${rest}`);
    return rest ?? '';
  });
}

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');
/** Compose interpolates the parsed values, not the file's text. */
const interpolated = (node: unknown): unknown =>
  typeof node === 'string'
    ? interpolate(node)
    : Array.isArray(node)
      ? node.map(interpolated)
      : node && typeof node === 'object'
        ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolated(v)]))
        : node;
const compose = interpolated(YAML.parse(read('docker-compose.yml'), { merge: true })) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = Object.entries(compose.services);
/** One-shot services (`restart: "no"`): they run to completion, so they have no health check. */
const oneShot = (service: Service) => service.restart === 'no';
/** The long-running golive services and which process each runs. */
const golive = services.filter(([, s]) => s.build !== undefined && !oneShot(s)).map(([name, s]) => [name, s, s.command?.[0] as SettingUser] as const);
const byRole = (role: SettingUser) => golive.filter(([, , r]) => r === role);

test('runs one golive API and two golive workers, with commands golive has', () => {
  const program = new Command();
  registerCommands(program);
  const commands = program.commands.map((c) => c.name());
  for (const [, , role] of golive) expect(commands).toContain(role);
  expect(byRole('api')).toHaveLength(1);
  expect(byRole('worker')).toHaveLength(2);
});

test('every GOLIVE_/TEMPORAL_ variable a golive service sets is a setting of workers/settings.ts', () => {
  for (const [name, service] of golive) {
    const unknown = Object.keys(service.environment ?? {}).filter((v) => /^(GOLIVE|TEMPORAL)_/.test(v) && !SETTING_NAMES.includes(v as never));
    expect({ name, unknown }).toEqual({ name, unknown: [] });
  }
});

test('each golive service sets what its process requires, with values golive accepts; the API has tokens', () => {
  for (const [name, service, role] of golive) {
    const missing = REQUIRED_SETTINGS[role].filter((v) => !service.environment?.[v]);
    expect({ name, missing }).toEqual({ name, missing: [] });
    expect(() => readSettings(service.environment)).not.toThrow();
  }
  const [[, api]] = byRole('api');
  expect(api.environment?.GOLIVE_TOKENS || api.environment?.GOLIVE_TOKENS_FILE).toBeTruthy();
  expect(api.command).toEqual(['api', '--host', '0.0.0.0']);
});

test('what has no authentication of its own (the Temporal frontend, the Temporal UI) is published on loopback only', () => {
  for (const name of ['temporal', 'temporal-ui']) {
    const ports = compose.services[name].ports ?? [];
    expect({ name, ports: ports.length }).toEqual({ name, ports: 1 });
    for (const port of ports) expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/) });
  }
});

test('the API publishes its port; workers expose /metrics and share the snapshot volume', () => {
  const [[, api]] = byRole('api');
  const port = api.environment?.GOLIVE_API_PORT;
  expect(api.ports).toContain(`${port}:${port}`);
  expect(healthUrl(api.environment)).toBe(`http://127.0.0.1:${port}/healthz`);
  for (const [, worker] of byRole('worker')) {
    expect(worker.environment?.GOLIVE_WORKER_METRICS_PORT).toMatch(/^\d+$/);
    expect(healthUrl(worker.environment)).toMatch(/\/metrics$/);
    const snapshots = worker.volumes?.find((v) => v.endsWith(`:${worker.environment?.GOLIVE_SNAPSHOT_DIR}`));
    expect(snapshots?.split(':')[0]).toBe('snapshots');
  }
});

test('every long-running service has a health check, and every named volume is declared', () => {
  for (const [name, service] of services) {
    if (!oneShot(service)) expect({ name, healthcheck: Boolean(service.healthcheck?.test?.length) }).toEqual({ name, healthcheck: true });
    for (const volume of service.volumes ?? []) {
      const source = volume.split(':')[0];
      if (!source.startsWith('.') && !source.startsWith('/')) expect(Object.keys(compose.volumes)).toContain(source);
    }
  }
});

test('depends_on names services that exist, waiting until they are healthy (or, one-shot, completed)', () => {
  for (const [, service] of services) {
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      expect(Object.keys(compose.services)).toContain(dependency);
      expect(condition).toBe(oneShot(compose.services[dependency]) ? 'service_completed_successfully' : 'service_healthy');
    }
  }
  for (const [, service] of golive) expect(Object.keys(service.depends_on ?? {})).toContain('temporal');
  expect(compose.services.temporal.environment?.POSTGRES_SEEDS).toBe('postgresql');
});

test('the Dockerfile compiles in a build stage, runs production dependencies as a non-root user with a health check', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  expect(stages).toHaveLength(2);
  expect(stages[0]).toMatch(/RUN npm ci\n/);
  expect(stages[0]).toMatch(/RUN npm run build/);
  expect(stages[1]).toMatch(/npm ci --omit=dev/);
  expect(stages[1]).toMatch(/COPY --from=build \/app\/dist dist/);
  expect(stages[1]).toMatch(/GOLIVE_WORKFLOW_BUNDLE=\/app\/dist\/workflow-bundle\.js/);
  expect(stages[1]).toMatch(/^USER node$/m);
  expect(stages[1]).toMatch(/HEALTHCHECK[\s\S]*dist\/scripts\/container-health\.js/);
  expect(stages[1]).toMatch(/ENTRYPOINT \["node", "dist\/cli\/main\.js"\]/);
  expect(existsSync(path.join(projectRoot, 'scripts', 'container-health.ts'))).toBe(true);
  // The variables the image sets are settings too.
  for (const [, name] of dockerfile.matchAll(/\b((?:GOLIVE|TEMPORAL)_[A-Z_]+)=/g)) expect(SETTING_NAMES).toContain(name);
});

test('the compose file refuses to start without the keys and tokens it cannot invent', () => {
  const text = read('docker-compose.yml');
  for (const name of Object.keys(shellEnv)) expect(text).toContain(`\${${name}:?`);
});

test("the build stage copies every directory tsconfig.build.json compiles, and only paths that exist", () => {
  const [build] = read('Dockerfile').split(/^FROM /m).slice(1);
  const copied = [...build.matchAll(/^COPY (.+) \S+$/gm)].flatMap(([, sources]) => sources.split(' '));
  for (const source of copied) expect(existsSync(path.join(projectRoot, source))).toBe(true);
  const { include } = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
  for (const dir of include) expect(copied).toContain(dir);
});

test('.dockerignore keeps local dependencies, builds and secrets out of the build context', () => {
  const ignored = read('.dockerignore').split('\n');
  for (const entry of ['node_modules', 'dist', '.git', '.env']) expect(ignored).toContain(entry);
});

test('golive setup registers the search attributes before the API and the workers start, with settings golive accepts', () => {
  const setup = compose.services['golive-setup'];
  expect(setup.command?.slice(0, 2)).toEqual(['setup', '--wait']);
  expect(oneShot(setup)).toBe(true);
  expect(setup.environment?.TEMPORAL_ADDRESS).toBe(compose.services['golive-api'].environment?.TEMPORAL_ADDRESS);
  expect(setup.environment?.TEMPORAL_NAMESPACE).toBe(compose.services['golive-api'].environment?.TEMPORAL_NAMESPACE);
  expect(() => readSettings(setup.environment)).not.toThrow();
  for (const [name, service] of golive) expect({ name, waits: service.depends_on?.['golive-setup']?.condition }).toEqual({ name, waits: 'service_completed_successfully' });
});

test("the Temporal UI's codec endpoint is the API's codec route, called with credentials, and the API lets the UI's origin call it", () => {
  const ui = compose.services['temporal-ui'].environment ?? {};
  const api = compose.services['golive-api'].environment ?? {};
  const endpoint = new URL(ui.TEMPORAL_CODEC_ENDPOINT ?? '');
  expect(endpoint.port).toBe(api.GOLIVE_API_PORT);
  // The UI posts to <endpoint>/decode (Temporal's remote codec protocol).
  const app = express();
  app.use(codecRouter({ codecs: [], auth: openAuth(), corsOrigins: [] }));
  expect(mountedRoutes(app)).toContain(`POST ${endpoint.pathname}/decode`);
  expect(api.GOLIVE_CODEC_CORS_ORIGINS?.split(',')).toContain(`http://localhost:${compose.services['temporal-ui'].ports?.[0].split(':').at(-2)}`);
  // The codec wants the operator's console sign-in: the UI must send its cookie.
  expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
});
