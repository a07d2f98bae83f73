/**
 * One simulated contact center: the org, its traffic model, and the glue between them (routing
 * changes move the traffic share; traffic never stops: a caller on every number every tick).
 */
import { Org, type OrgConfiguration } from './org';
import { seedConfiguration } from './seed';
import { HEALTHY, TrafficModel, type TrafficSettings } from './traffic';

export interface SimulatorOptions {
  /** Simulated seconds per real second for analytics (3600: a real second is an hour of calls). */
  speed?: number;
  configuration?: OrgConfiguration;
  traffic?: TrafficSettings;
  clock?: () => number;
}

export class ContactCenter {
  readonly org: Org;
  traffic: TrafficModel;
  readonly clock: () => number;
  private readonly options: SimulatorOptions;

  constructor(options: SimulatorOptions = {}) {
    this.options = options;
    this.clock = options.clock ?? Date.now;
    this.org = new Org(options.configuration ?? seedConfiguration(), this.clock);
    this.traffic = this.newTraffic();
  }

  private newTraffic(): TrafficModel {
    return new TrafficModel(this.clock(), this.options.traffic ?? HEALTHY, this.platformShare(), this.options.speed ?? 1);
  }

  /** Share of the numbers this platform answers (routed to a flow). */
  platformShare(): number {
    const routes = Object.values(this.org.numberList());
    return routes.length ? routes.filter((route) => route.target === 'flow').length / routes.length : 0;
  }

  /** After any routing change: the traffic follows the numbers. */
  routingChanged(): void {
    this.traffic.setShare(this.clock(), this.platformShare());
  }

  degrade(change: Partial<TrafficSettings>): TrafficSettings {
    const settings = this.traffic.change(this.clock(), change);
    this.org.record({ type: 'traffic', change: change as Record<string, number> });
    return settings;
  }

  aggregate(start: number, end: number) {
    return this.traffic.aggregate(start, end, this.clock());
  }

  /** The wall-clock window that holds the last `simulatedMs` of simulated time. */
  lastPeriod(simulatedMs: number): { start: number; end: number } {
    const end = this.clock();
    return { start: end - simulatedMs / (this.options.speed ?? 1), end };
  }

  /** The legacy platform answering every call with the seeded traffic: the baseline. */
  legacyAggregate(start: number, end: number) {
    return new TrafficModel(start, this.options.traffic ?? HEALTHY, 1, this.options.speed ?? 1).aggregate(start, end, this.clock());
  }

  /** Back to the seed: configuration, traffic, validation mode (the log keeps going). */
  reset(): void {
    this.org.importConfiguration(this.options.configuration ?? seedConfiguration());
    this.org.publishValidation = 'strict';
    this.traffic = this.newTraffic();
  }
}
