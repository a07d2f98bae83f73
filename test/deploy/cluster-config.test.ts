/**
 * The Temporal server config kept in the repo for `golive cluster` (deploy/cluster/) against the code
 * that starts it: every variable the template reads is one golive sets, and the dynamic config
 * switches on what golive needs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SERVER_PORT_NAMES, temporalServerProcess, type ServerPorts } from '../../scripts/cluster/temporal-server';
import { projectRoot } from '../../workers/project-root';

const dir = path.join(projectRoot, 'deploy', 'cluster');
const ports = Object.fromEntries(SERVER_PORT_NAMES.map((name, i) => [name, 21_000 + i])) as unknown as ServerPorts;
const spec = temporalServerProcess('/opt/server', ports, 25_432, 'secret');

test('the server config is a template reading only variables golive sets, one port each', () => {
  const template = readFileSync(path.join(dir, 'temporal-server.yaml'), 'utf8');
  expect(template.split('\n').slice(0, 3).join('\n')).toContain('enable-template');
  const read = new Set([...template.matchAll(/env "([A-Z_]+)"/g)].map((m) => m[1]));
  const set = Object.keys(spec.env).filter((name) => name.startsWith('GOLIVE_CLUSTER_'));
  // The log level is optional (the template defaults it).
  expect([...read].filter((name) => name !== 'GOLIVE_CLUSTER_LOG_LEVEL').sort()).toEqual(set.sort());
  const portValues = Object.entries(spec.env).filter(([name]) => name.endsWith('_PORT') && name !== 'GOLIVE_CLUSTER_PG_PORT').map(([, v]) => v);
  expect(new Set(portValues).size).toBe(SERVER_PORT_NAMES.length);
});

test('the server starts on that config file and its dynamic config', () => {
  expect(spec.args).toEqual(['--root', projectRoot, '--config', path.join('deploy', 'cluster'), '--env', 'temporal-server', '--allow-no-auth', 'start']);
  expect(spec.env.GOLIVE_CLUSTER_DYNAMIC_CONFIG).toBe(path.join(dir, 'dynamicconfig.yaml'));
  const dynamic = YAML.parse(readFileSync(path.join(dir, 'dynamicconfig.yaml'), 'utf8')) as Record<string, { value: unknown }[]>;
  expect(dynamic['frontend.enableUpdateWorkflowExecution']).toEqual([{ value: true }]);
  expect(dynamic['system.forceSearchAttributesCacheRefreshOnRead']).toEqual([{ value: true }]);
});
