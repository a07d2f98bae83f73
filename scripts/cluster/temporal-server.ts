/**
 * The cluster's Temporal server: v1.29.1 with the config kept in the repo
 * (deploy/cluster/temporal-server.yaml, a template filled from GOLIVE_CLUSTER_* variables, and
 * deploy/cluster/dynamicconfig.yaml), its namespace registered once and golive's search attributes
 * on it.
 */
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { projectRoot } from '../../workers/project-root';
import { ensureSearchAttributes, type SearchAttributeSetup } from '../../workers/search-attribute-setup';
import type { ProcessSpec } from './managed-process';

export const SERVER_CONFIG_DIR = path.join('deploy', 'cluster');
/** The loader reads `<config dir>/<env>.yaml`: this names deploy/cluster/temporal-server.yaml. */
const SERVER_CONFIG_ENV = 'temporal-server';
const NAMESPACE_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** gRPC status of a namespace that is already there. */
const ALREADY_EXISTS = 6;

/** Every port the server listens on, each its own. */
export interface ServerPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

export const SERVER_PORT_NAMES: (keyof ServerPorts)[] = ['frontend', 'frontendHttp', 'frontendMembership', 'history', 'historyMembership', 'matching', 'matchingMembership', 'worker', 'workerMembership'];

/** `frontendHttp` → GOLIVE_CLUSTER_FRONTEND_HTTP_PORT, the variable the config template reads. */
const portVariable = (name: keyof ServerPorts): string => `GOLIVE_CLUSTER_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_PORT`;

export function temporalServerProcess(server: string, ports: ServerPorts, pgPort: number, pgPassword: string, logLevel?: string): ProcessSpec {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GOLIVE_CLUSTER_PG_PORT: String(pgPort),
    GOLIVE_CLUSTER_PG_PASSWORD: pgPassword,
    GOLIVE_CLUSTER_DYNAMIC_CONFIG: path.join(projectRoot, SERVER_CONFIG_DIR, 'dynamicconfig.yaml'),
  };
  if (logLevel) env.GOLIVE_CLUSTER_LOG_LEVEL = logLevel;
  for (const name of SERVER_PORT_NAMES) env[portVariable(name)] = String(ports[name]);
  return {
    name: 'temporal-server',
    command: server,
    args: ['--root', projectRoot, '--config', SERVER_CONFIG_DIR, '--env', SERVER_CONFIG_ENV, '--allow-no-auth', 'start'],
    env,
  };
}

async function withConnection<T>(address: string, use: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

/** The frontend answers. */
export function frontendServes(address: string): Promise<boolean> {
  return withConnection(address, async (connection) => {
    await connection.workflowService.getSystemInfo({});
    return true;
  });
}

/** Registers the namespace unless it exists. */
export function ensureNamespace(address: string, namespace: string): Promise<'registered' | 'present'> {
  return withConnection(address, async (connection) => {
    try {
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(NAMESPACE_RETENTION_MS) });
      return 'registered';
    } catch (error) {
      if ((error as { code?: number }).code === ALREADY_EXISTS) return 'present';
      throw error;
    }
  });
}

/** The namespace serves workflow calls (the frontend's namespace cache has it) and has golive's search attributes. */
export function namespaceServes(address: string, namespace: string): Promise<SearchAttributeSetup> {
  return withConnection(address, async (connection) => {
    await connection.workflowService.countWorkflowExecutions({ namespace, query: '' });
    return ensureSearchAttributes(connection, namespace);
  });
}
