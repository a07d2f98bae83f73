/**
 * The simulated contact-center org: architect objects (common modules, data tables, in-queue and
 * inbound flows), queues, users, number routing and an event log. It behaves the way the source
 * runbooks say the real platform does: a flow whose dependency is not published sends its callers
 * down the error path; an inbound flow whose in-queue flow is not published leaves callers in
 * silence in the queue; an unpublished flow is dead air. Pure state, no HTTP (see server.ts).
 */

export const objectTypes = ['COMMONMODULEFLOW', 'DATATABLE', 'INQUEUECALLFLOW', 'INBOUNDCALLFLOW', 'QUEUE', 'USER', 'CONTACTFLOW'] as const;
export type ObjectType = (typeof objectTypes)[number];

/** Types that are published (flows and modules) or loaded (data tables) during a go-live. */
export const deployableTypes: readonly ObjectType[] = ['COMMONMODULEFLOW', 'DATATABLE', 'INQUEUECALLFLOW', 'INBOUNDCALLFLOW', 'CONTACTFLOW'];

export interface OrgObject {
  id: string;
  name: string;
  type: ObjectType;
  /** The draft version (the one publishing makes live) and what it consumes, by object id. */
  version: number;
  consumes: string[];
  /** Published versions, oldest first; the last is live. Empty: never published (or reverted). */
  published: number[];
}

/** Where the carrier sends a number: to the legacy platform, or to a flow on this platform. */
export type Route = { target: 'legacy' } | { target: 'flow'; flowId: string };

export type CallOutcome = 'connected' | 'error-path' | 'dead-air' | 'legacy';

export type OrgEvent =
  | { type: 'publish'; id: string; version: number }
  | { type: 'publish-refused'; id: string; missing: string[] }
  | { type: 'revert'; id: string; version: number | null }
  | { type: 'route'; dnis: string; route: Route }
  | { type: 'call'; dnis: string; outcome: CallOutcome; flowId?: string; missing?: string[] }
  | { type: 'export'; objects: number }
  | { type: 'import'; objects: number }
  | { type: 'traffic'; change: Record<string, number> };

export type LoggedEvent = OrgEvent & { seq: number; at: string };

/** The whole configuration, as export answers and import takes it. */
export interface OrgConfiguration {
  objects: OrgObject[];
  numbers: Record<string, Route>;
}

/** A refusal the HTTP layer turns into a status code. */
export class OrgError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const clone = <T>(value: T): T => structuredClone(value);

export class Org {
  private objects = new Map<string, OrgObject>();
  private numbers = new Map<string, Route>();
  private readonly log: LoggedEvent[] = [];
  /** 'strict' refuses to publish over an unpublished dependency; 'lenient' publishes anyway, as the source runbook's platform did. */
  publishValidation: 'strict' | 'lenient' = 'strict';

  constructor(
    configuration: OrgConfiguration,
    private readonly clock: () => number = Date.now,
  ) {
    this.load(configuration);
  }

  private load(configuration: OrgConfiguration): void {
    this.objects = new Map(configuration.objects.map((object) => [object.id, clone(object)]));
    this.numbers = new Map(Object.entries(clone(configuration.numbers)));
  }

  record(event: OrgEvent): LoggedEvent {
    const logged = { ...event, seq: this.log.length + 1, at: new Date(this.clock()).toISOString() } as LoggedEvent;
    this.log.push(logged);
    return logged;
  }

  events(since = 0): LoggedEvent[] {
    return this.log.filter((event) => event.seq > since);
  }

  list(type?: ObjectType): OrgObject[] {
    return [...this.objects.values()].filter((object) => !type || object.type === type).map(clone);
  }

  get(id: string): OrgObject {
    const object = this.objects.get(id);
    if (!object) throw new OrgError(404, 'not.found', `no object ${id}`);
    return object;
  }

  isLive(id: string): boolean {
    const object = this.objects.get(id);
    if (!object) return false;
    // Queues and users are configuration that exists; the rest is live once published.
    return deployableTypes.includes(object.type) ? object.published.length > 0 : true;
  }

  /** What a draft consumes that is not live (missing objects included), depth first. */
  unpublishedDependencies(id: string, seen = new Set<string>()): string[] {
    const missing: string[] = [];
    for (const dependency of this.objects.get(id)?.consumes ?? []) {
      if (seen.has(dependency)) continue;
      seen.add(dependency);
      if (!this.isLive(dependency)) missing.push(dependency);
      missing.push(...this.unpublishedDependencies(dependency, seen));
    }
    return missing;
  }

  publish(id: string): OrgObject {
    const object = this.get(id);
    if (!deployableTypes.includes(object.type)) throw new OrgError(400, 'bad.request', `${id} is a ${object.type}, which is not published`);
    const missing = this.unpublishedDependencies(id);
    if (missing.length > 0 && this.publishValidation === 'strict') {
      this.record({ type: 'publish-refused', id, missing });
      throw new OrgError(409, 'flow.dependency.unpublished', `${id} consumes ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not published`);
    }
    if (object.published.at(-1) !== object.version) object.published.push(object.version);
    this.record({ type: 'publish', id, version: object.version });
    this.placeCallsTo(id);
    return clone(object);
  }

  /** Back to the previously published version; with none, the object is unpublished. */
  revert(id: string): OrgObject {
    const object = this.get(id);
    object.published.pop();
    this.record({ type: 'revert', id, version: object.published.at(-1) ?? null });
    this.placeCallsTo(id);
    return clone(object);
  }

  /** Objects a version consumes, for dependency tracking; one that does not exist says so. */
  consumedResources(id: string): ({ id: string; name: string; type: ObjectType | 'UNRESOLVED'; published: boolean })[] {
    return this.get(id).consumes.map((dependency) => {
      const object = this.objects.get(dependency);
      return object ? { id: object.id, name: object.name, type: object.type, published: this.isLive(object.id) } : { id: dependency, name: dependency, type: 'UNRESOLVED', published: false };
    });
  }

  route(dnis: string, route: Route): void {
    if (route.target === 'flow') {
      const flow = this.get(route.flowId);
      if (flow.type !== 'INBOUNDCALLFLOW' && flow.type !== 'CONTACTFLOW') throw new OrgError(400, 'bad.request', `${route.flowId} is a ${flow.type}, not an inbound flow`);
    }
    this.numbers.set(dnis, clone(route));
    this.record({ type: 'route', dnis, route });
    this.placeCall(dnis);
  }

  routeOf(dnis: string): Route {
    const route = this.numbers.get(dnis);
    if (!route) throw new OrgError(404, 'not.found', `no number ${dnis}`);
    return clone(route);
  }

  numberList(): Record<string, Route> {
    return Object.fromEntries([...this.numbers].map(([dnis, route]) => [dnis, clone(route)]));
  }

  /** What one caller on `dnis` experiences now. */
  callOutcome(dnis: string): Extract<OrgEvent, { type: 'call' }> {
    const route = this.routeOf(dnis);
    if (route.target === 'legacy') return { type: 'call', dnis, outcome: 'legacy' };
    return { type: 'call', dnis, ...this.flowOutcome(route.flowId) };
  }

  /** What a caller reaching inbound flow `flowId` experiences now. */
  private flowOutcome(flowId: string): { outcome: CallOutcome; flowId: string; missing?: string[] } {
    if (!this.isLive(flowId)) return { outcome: 'dead-air', flowId };
    const missing = this.unpublishedDependencies(flowId);
    // A caller waiting in queue without an in-queue flow hears silence; any other gap is the error path.
    const inQueue = missing.filter((id) => this.objects.get(id)?.type === 'INQUEUECALLFLOW');
    if (missing.length > inQueue.length) return { outcome: 'error-path', flowId, missing };
    if (inQueue.length > 0) return { outcome: 'dead-air', flowId, missing };
    return { outcome: 'connected', flowId };
  }

  /**
   * Smoke-test calls: one on each flow's test number (`test:<flow id>`), before any DNIS moves.
   * Default: every published inbound flow (Architect inbound call flows, Connect contact flows).
   */
  placeTestCalls(flowIds?: string[]): LoggedEvent[] {
    const inbound = (object: OrgObject) => (object.type === 'INBOUNDCALLFLOW' || object.type === 'CONTACTFLOW') && this.isLive(object.id);
    const flows = flowIds?.map((id) => this.get(id)) ?? [...this.objects.values()].filter(inbound);
    return flows.map((flow) => this.record({ type: 'call', dnis: `test:${flow.id}`, ...this.flowOutcome(flow.id) }));
  }

  placeCall(dnis: string): LoggedEvent {
    return this.record(this.callOutcome(dnis));
  }

  /** Traffic never stops: every number gets a call. */
  placeCalls(): LoggedEvent[] {
    return [...this.numbers.keys()].map((dnis) => this.placeCall(dnis));
  }

  /** After a change to a flow, the next caller on every number that reaches it. */
  private placeCallsTo(id: string): void {
    for (const [dnis, route] of this.numbers) {
      if (route.target === 'flow' && (route.flowId === id || this.dependsOn(route.flowId, id))) this.placeCall(dnis);
    }
  }

  private dependsOn(from: string, id: string, seen = new Set<string>()): boolean {
    for (const dependency of this.objects.get(from)?.consumes ?? []) {
      if (dependency === id) return true;
      if (seen.has(dependency)) continue;
      seen.add(dependency);
      if (this.dependsOn(dependency, id, seen)) return true;
    }
    return false;
  }

  /** The undo button: everything (objects with their published versions, and routing). */
  exportConfiguration(): OrgConfiguration {
    const configuration = { objects: this.list(), numbers: this.numberList() };
    this.record({ type: 'export', objects: configuration.objects.length });
    return configuration;
  }

  importConfiguration(configuration: OrgConfiguration): void {
    this.load(configuration);
    this.record({ type: 'import', objects: configuration.objects.length });
    this.placeCalls();
  }

  /** The configuration as it is, without logging an export (for tests and the admin view). */
  configuration(): OrgConfiguration {
    return { objects: this.list(), numbers: this.numberList() };
  }

  /** Calls by outcome over the log (or since an event). */
  callCounts(since = 0): Record<CallOutcome, number> {
    const counts: Record<CallOutcome, number> = { connected: 0, 'error-path': 0, 'dead-air': 0, legacy: 0 };
    for (const event of this.events(since)) if (event.type === 'call') counts[event.outcome] += 1;
    return counts;
  }
}
