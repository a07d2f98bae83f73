/**
 * Analytics answers in the platforms' shapes: Genesys Cloud's conversation aggregates
 * (`tHandle`, `tAbandon`, `nOffered`, `oServiceLevel`), Amazon Connect's GetMetricDataV2
 * (`AVG_HANDLE_TIME`, `SERVICE_LEVEL`, `ABANDONMENT_RATE`), and the health numbers neither
 * platform aggregates this way (trunk errors, agent login failures). Pure.
 */
import type { Aggregates } from './traffic';

/** An ISO-8601 `start/end` interval, as Genesys takes it. */
export function parseInterval(interval: unknown): { start: number; end: number } {
  const [start, end] = typeof interval === 'string' ? interval.split('/').map((part) => Date.parse(part)) : [];
  if (!Number.isFinite(start) || !Number.isFinite(end) || end! <= start!) throw new Error('interval must be "start/end" in ISO-8601, end after start');
  return { start: start!, end: end! };
}

/** An ISO-8601 duration (`PT4H`, `P7D`, `P1DT12H`) in milliseconds. */
export function parsePeriod(period: unknown): number {
  const match = typeof period === 'string' ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(period) : null;
  const [days, hours, minutes, seconds] = (match?.slice(1) ?? []).map((part) => Number(part ?? 0));
  const ms = (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
  if (!match || !(ms > 0)) throw new Error('period must be an ISO-8601 duration such as PT4H or P7D');
  return ms;
}

const SERVICE_LEVEL_TARGET = 0.8;

export function genesysAggregates(interval: string, totals: Aggregates, asked: readonly string[]) {
  const all = {
    nOffered: { metric: 'nOffered', stats: { count: totals.offered } },
    tHandle: { metric: 'tHandle', stats: { count: totals.answered, sum: totals.handleSeconds * 1000 } },
    tAbandon: { metric: 'tAbandon', stats: { count: totals.abandoned } },
    oServiceLevel: {
      metric: 'oServiceLevel',
      stats: { numerator: totals.serviceLevelMet, denominator: totals.answered, ratio: totals.answered ? totals.serviceLevelMet / totals.answered : 0, target: SERVICE_LEVEL_TARGET },
    },
  } as const;
  const names = asked.length ? asked.filter((name): name is keyof typeof all => name in all) : (Object.keys(all) as (keyof typeof all)[]);
  return { results: [{ group: { mediaType: 'voice' }, data: [{ interval, metrics: names.map((name) => all[name]) }] }] };
}

export function connectMetricData(totals: Aggregates, asked: readonly string[]) {
  const values: Record<string, number> = {
    AVG_HANDLE_TIME: totals.answered ? totals.handleSeconds / totals.answered : 0,
    SERVICE_LEVEL: totals.answered ? (100 * totals.serviceLevelMet) / totals.answered : 0,
    ABANDONMENT_RATE: totals.offered ? (100 * totals.abandoned) / totals.offered : 0,
    CONTACTS_HANDLED: totals.answered,
    CONTACTS_ABANDONED: totals.abandoned,
  };
  const names = asked.length ? asked.filter((name) => name in values) : Object.keys(values);
  return { MetricResults: [{ Dimensions: {}, Collections: names.map((name) => ({ Metric: { Name: name }, Value: values[name] })) }] };
}

export function healthNumbers(totals: Aggregates) {
  return {
    trunkCalls: totals.trunkCalls,
    trunkErrors: totals.trunkErrors,
    trunkErrorRate: totals.trunkCalls ? totals.trunkErrors / totals.trunkCalls : 0,
    agentLoginFailures: totals.agentLoginFailures,
    offered: totals.offered,
    abandonRate: totals.offered ? totals.abandoned / totals.offered : 0,
  };
}
