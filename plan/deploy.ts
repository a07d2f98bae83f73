/**
 * A phase's `deploy` block → publish steps whose order comes from the platform's own dependency
 * graph (what each object consumes): common modules and data tables before the flows that use
 * them, in-queue flows before the inbound flows that transfer to them. The graph is the block's
 * `graph`, written by hand or filled in by discovery (api/deploy-discovery.ts) before validation.
 * Works on the raw document, before the schema, so every error names the path the author wrote.
 * Pure: the workflow never expands (it receives the expanded plan).
 */
import { planError, type PlanError } from './errors';
import { findCycles, topologicalOrder, type GraphNode } from './graph';

/** Objects that a go-live publishes (flows, modules) or loads (data tables); queues and users already exist. */
export const DEPLOYABLE_TYPES: readonly string[] = ['COMMONMODULEFLOW', 'DATATABLE', 'INQUEUECALLFLOW', 'INBOUNDCALLFLOW', 'CONTACTFLOW'];

type Raw = Record<string, unknown>;
type Path = (string | number)[];

const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

interface GraphEntry {
  type: string;
  name?: string;
  consumes: string[];
}

function graphOf(deploy: Raw): Map<string, GraphEntry> {
  const graph = new Map<string, GraphEntry>();
  if (!isRaw(deploy.graph)) return graph;
  for (const [id, entry] of Object.entries(deploy.graph)) {
    if (isRaw(entry)) graph.set(id, { type: String(entry.type ?? ''), name: typeof entry.name === 'string' ? entry.name : undefined, consumes: strings(entry.consumes) });
  }
  return graph;
}

/** The objects to publish: those listed and, with discovery, every deployable object they consume. */
function objectSet(deploy: Raw, graph: Map<string, GraphEntry>, path: Path, errors: PlanError[]): string[] {
  const discover = deploy.discover !== false;
  const listed = strings(deploy.objects);
  const set = new Set<string>();
  const visit = (id: string, where: Path, consumer?: string) => {
    if (set.has(id)) return;
    const entry = graph.get(id);
    if (!entry || entry.type === 'UNRESOLVED') {
      const why = consumer ? `${consumer} consumes "${id}", which the platform does not have` : `"${id}" is not on the platform${entry ? '' : ' (nor in deploy.graph)'}`;
      errors.push(planError('unknown-object', where, `${why}: create it, or correct the reference, before this plan can deploy`));
      return;
    }
    if (!DEPLOYABLE_TYPES.includes(entry.type)) return;
    set.add(id);
    if (!discover) return;
    entry.consumes.forEach((dependency, k) => visit(dependency, [...path, 'graph', id, 'consumes', k], id));
  };
  listed.forEach((id, j) => visit(id, [...path, 'objects', j]));
  return [...set];
}

/** Whether `from` consumes `to`, directly or through others. */
function consumes(graph: Map<string, GraphEntry>, from: string, to: string, seen = new Set<string>()): boolean {
  for (const dependency of graph.get(from)?.consumes ?? []) {
    if (dependency === to) return true;
    if (!seen.has(dependency)) {
      seen.add(dependency);
      if (consumes(graph, dependency, to, seen)) return true;
    }
  }
  return false;
}

function publishRequest(deploy: Raw, id: string, type: string, undo: boolean): Raw {
  const base = String(deploy.baseUrl ?? '').replace(/\/+$/, '');
  const headers = isRaw(deploy.headers) ? { headers: deploy.headers } : {};
  if (deploy.platform === 'amazon-connect') {
    const url = `${base}/contact-flows/${String(deploy.instanceId ?? '')}/${id}/metadata`;
    return { method: 'POST', url, ...headers, body: { ContactFlowState: undo ? 'ARCHIVED' : 'ACTIVE' } };
  }
  if (undo) return { method: 'POST', url: `${base}/api/v2/flows/actions/revert?flow=${id}`, ...headers };
  // Data tables are loaded (an import job), flows and modules published.
  const url = type === 'DATATABLE' ? `${base}/api/v2/flows/datatables/${id}/import/jobs` : `${base}/api/v2/flows/actions/publish?flow=${id}`;
  return { method: 'POST', url, ...headers };
}

/** Equal as JSON, keys in any order (a parsed plan has its defaults filled in: compare what the block makes). */
function sameJson(existing: unknown, made: Raw): boolean {
  if (!isRaw(existing) || existing.id !== made.id) return false;
  const pick = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(pick) : isRaw(value) ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, pick(value[k])])) : value;
  const keys = Object.keys(made);
  return JSON.stringify(pick(Object.fromEntries(keys.map((k) => [k, existing[k]])))) === JSON.stringify(pick(made));
}

/** Optional step fields the block passes on to every step it makes. */
const PASSED_ON = ['owner', 'priority', 'retry', 'timeout', 'onFailure'] as const;

function expandBlock(deploy: Raw, path: Path, errors: PlanError[]): Raw[] {
  const graph = graphOf(deploy);
  const before = errors.length;
  const objects = objectSet(deploy, graph, path, errors);
  const prefix = typeof deploy.stepPrefix === 'string' ? deploy.stepPrefix : 'publish-';
  const inSet = new Set(objects);
  const nodes: GraphNode[] = objects.map((id) => ({ id, dependsOn: graph.get(id)!.consumes.filter((d) => inSet.has(d)) }));
  // Hand-written order on top of the platform's: it may add, never contradict.
  if (isRaw(deploy.after)) {
    for (const [id, afters] of Object.entries(deploy.after)) {
      const node = nodes.find((n) => n.id === id);
      strings(afters).forEach((other, k) => {
        const where = [...path, 'after', id, k];
        if (!node || !inSet.has(other)) errors.push(planError('unknown-object', where, `"${node ? other : id}" is not among the objects this block deploys`));
        else if (consumes(graph, other, id)) errors.push(planError('contradicts-platform', where, `${other} consumes ${id} on the platform, so ${id} must be published before ${other}, not after`));
        else (node.dependsOn as string[]).push(other);
      });
    }
  }
  const cycles = findCycles(nodes);
  for (const cycle of cycles) errors.push(planError('cycle', [...path, 'graph', cycle[0]], `the platform's objects consume each other in a loop: ${[...cycle, cycle[0]].join(' → ')}; no order can publish them`));
  if (errors.length > before) return [];
  const order = topologicalOrder(nodes);
  if (!order.ok) return [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const shared: Raw = {};
  for (const key of PASSED_ON) if (deploy[key] !== undefined) shared[key] = deploy[key];
  return order.order.map((id) => {
    const entry = graph.get(id)!;
    return {
      id: `${prefix}${id}`,
      title: `Publish ${entry.name ?? id} (${entry.type})`,
      ...shared,
      dependsOn: [...strings(deploy.dependsOn), ...byId.get(id)!.dependsOn.map((d) => `${prefix}${d}`)],
      kind: 'http',
      with: publishRequest(deploy, id, entry.type, false),
      compensate: { kind: 'http', with: publishRequest(deploy, id, entry.type, true) },
    };
  });
}

/**
 * The raw plan with every phase's `deploy` block expanded into steps appended to that phase (the
 * block itself stays, for `golive graph` and the record), or the errors that stop it.
 */
export function expandDeployBlocks(input: unknown): { input: unknown; errors: PlanError[] } {
  if (!isRaw(input) || !Array.isArray(input.phases) || !input.phases.some((phase) => isRaw(phase) && isRaw(phase.deploy))) return { input, errors: [] };
  const errors: PlanError[] = [];
  const phases = input.phases.map((phase, i) => {
    if (!isRaw(phase) || !isRaw(phase.deploy)) return phase;
    const written = Array.isArray(phase.steps) ? phase.steps : [];
    // Idempotent: a plan expanded before (the one a cutover records) keeps its steps as they are.
    const steps = expandBlock(phase.deploy, ['phases', i, 'deploy'], errors).filter((step) => !written.some((existing) => sameJson(existing, step)));
    return { ...phase, steps: [...written, ...steps] };
  });
  return { input: { ...input, phases }, errors };
}
