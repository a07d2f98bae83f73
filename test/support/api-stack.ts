/**
 * A real worker (its own task queue) and the golive API in front of it, on a free port, with
 * the calls tests make through it: start a cutover, read its status, wait for a status.
 */
import { authFromConfig, openAuth, type Auth } from '../../api/auth';
import { startApi, type ApiOptions } from '../../api/server';
import type { StatusDocument } from '../../workflows/status-document';
import { apiCaller, until } from './api-calls';
import { startHarness } from './cutover-harness';
import { temporalAddress, temporalNamespace, uniqueId } from './temporal-env';

/** Two cutover leads (a quorum of two needs both) and an agent who may only report issues. */
export const testTokens = {
  dana: { token: 'token-dana', operator: 'dana', roles: ['cutover-lead'] },
  lee: { token: 'token-lee', operator: 'lee', roles: ['cutover-lead'] },
  ana: { token: 'token-ana', operator: 'ana', roles: ['agent'] },
};

export const testAuth = (): Auth => authFromConfig({ tokens: Object.values(testTokens) }, 'test tokens');

export type ApiStack = Awaited<ReturnType<typeof startApiStack>>;

/** `defaultToken` goes with every call that does not name its own. */
export async function startApiStack(options: { auth?: Auth; defaultToken?: string; maxPlanBytes?: number; api?: ApiOptions } = {}) {
  const harness = await startHarness();
  const config = { address: temporalAddress(), namespace: temporalNamespace(), taskQueue: harness.taskQueue };
  const api = await startApi(config, { ...options.api, port: 0, auth: options.auth ?? openAuth(), maxPlanBytes: options.maxPlanBytes });
  const call = apiCaller(api.url, options.defaultToken);

  const status = async (id: string): Promise<StatusDocument> => {
    const res = await call('GET', `/api/v1/cutovers/${id}`);
    if (res.status !== 200) throw new Error(`GET status of ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  return {
    harness,
    api,
    call,
    status,
    waitFor: (id: string, done: (doc: StatusDocument) => boolean) => until(() => status(id), done),
    /** Starts `plan` through POST /cutovers; its id. */
    async startCutover(plan: unknown, prefix = 'api'): Promise<string> {
      const id = uniqueId(prefix);
      const res = await call('POST', '/api/v1/cutovers', { plan, id });
      if (res.status !== 201) throw new Error(`POST /cutovers: ${res.status} ${JSON.stringify(res.body)}`);
      return id;
    },
    async stop() {
      await api.close();
      await harness.stop();
    },
  };
}
