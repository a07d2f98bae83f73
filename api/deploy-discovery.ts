/**
 * Discovery for deploy blocks: asks the platform what each object is and what it consumes
 * (Genesys Cloud's dependency tracking), following consumed objects, and writes the answers into
 * the block's `graph` so that plan/deploy.ts can derive the order. Runs where a plan is accepted
 * (the API's start, `golive graph --discover`), before validation; entries already in `graph` are
 * kept (a hand-written graph wins). An object the platform does not have is written as
 * `UNRESOLVED`, which validation refuses with the path that named it.
 */
import { resolveSecrets } from '../activities/secrets';

type Raw = Record<string, unknown>;
const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface DiscoveryOptions {
  /** Turns `${param:…}` (and anything else the caller resolves) into the URL to call. */
  resolveText?: (text: string) => string;
  fetch?: typeof globalThis.fetch;
  /** Per request; discovery of a real org's graph is a few dozen calls. */
  timeoutMs?: number;
}

/** A discovery that could not be done: the platform unreachable or answering errors. */
export class DiscoveryError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

interface Platform {
  get(path: string): Promise<{ status: number; body: unknown }>;
}

function platformOf(deploy: Raw, path: string, options: DiscoveryOptions): Platform {
  const resolve = options.resolveText ?? ((text: string) => text);
  const base = resolve(String(deploy.baseUrl ?? '')).replace(/\/+$/, '');
  let headers: Record<string, string>;
  try {
    headers = Object.fromEntries(Object.entries(isRaw(deploy.headers) ? deploy.headers : {}).map(([k, v]) => [k, resolveSecrets(resolve(String(v)))]));
  } catch (error) {
    // Discovery runs in the API (or the CLI): its environment needs the secret too.
    throw new DiscoveryError(`${path}.headers`, `cannot discover the deployment order: ${(error as Error).message.replace('on the worker', 'here')}`);
  }
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    async get(route) {
      let res: Response;
      try {
        res = await doFetch(`${base}${route}`, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      } catch (error) {
        throw new DiscoveryError(`${path}.baseUrl`, `cannot reach the platform at ${base} to discover the deployment order: ${(error as Error).message}`);
      }
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: kept as text for the error message
      }
      return { status: res.status, body };
    },
  };
}

async function discoverBlock(deploy: Raw, path: string, options: DiscoveryOptions): Promise<Raw> {
  const platform = platformOf(deploy, path, options);
  const graph: Raw = isRaw(deploy.graph) ? { ...deploy.graph } : {};
  const queue = Array.isArray(deploy.objects) ? deploy.objects.filter((id): id is string => typeof id === 'string') : [];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const known = graph[id];
    if (isRaw(known)) {
      for (const dependency of Array.isArray(known.consumes) ? known.consumes : []) if (typeof dependency === 'string') queue.push(dependency);
      continue;
    }
    const object = await platform.get(`/api/v2/flows/${encodeURIComponent(id)}`);
    if (object.status === 404) {
      graph[id] = { type: 'UNRESOLVED', consumes: [] };
      continue;
    }
    if (object.status !== 200 || !isRaw(object.body)) throw new DiscoveryError(`${path}.baseUrl`, `the platform answered ${object.status} for object ${id}`);
    const consumed = await platform.get(`/api/v2/architect/dependencytracking/consumedresources?id=${encodeURIComponent(id)}`);
    const entities = isRaw(consumed.body) && Array.isArray(consumed.body.entities) ? consumed.body.entities.filter(isRaw) : null;
    if (consumed.status !== 200 || !entities) throw new DiscoveryError(`${path}.baseUrl`, `the platform answered ${consumed.status} for the resources ${id} consumes`);
    const consumes = entities.map((entity) => String(entity.id));
    graph[id] = { type: String(object.body.type), ...(typeof object.body.name === 'string' ? { name: object.body.name } : {}), consumes };
    queue.push(...consumes);
  }
  return { ...deploy, graph };
}

/** The raw plan with the graph of every discovering Genesys Cloud deploy block filled in. */
export async function discoverDeployGraphs(input: unknown, options: DiscoveryOptions = {}): Promise<unknown> {
  if (!isRaw(input) || !Array.isArray(input.phases)) return input;
  const phases: unknown[] = [];
  for (const [i, phase] of input.phases.entries()) {
    const deploy = isRaw(phase) ? phase.deploy : undefined;
    const discovers = isRaw(deploy) && deploy.discover !== false && (deploy.platform ?? 'genesys-cloud') === 'genesys-cloud';
    phases.push(discovers ? { ...(phase as Raw), deploy: await discoverBlock(deploy, `phases[${i}].deploy`, options) } : phase);
  }
  return { ...input, phases };
}
