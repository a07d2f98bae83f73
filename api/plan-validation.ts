/**
 * Plan validation that never stalls the API: a plan body of more than OFF_THREAD_BYTES (a few
 * hundred steps) is parsed and validated on a worker thread — a 20,000-step plan takes about half
 * a second, its YAML far longer — while the event loop goes on answering every other request.
 * Smaller plans are checked inline, where a thread hop would cost more than the check.
 */
import type { Worker } from 'node:worker_threads';
import { applyParams, type ParamValue } from '../plan/params';
import { rawStepCount } from '../plan/limits';
import { startModuleThread } from '../workers/thread-module';
import { parsePlanText } from '../plan/load';
import { discoverDeployGraphs, DiscoveryError } from './deploy-discovery';
import { ApiError } from './errors';
import { maxPlanSteps, planFromRequestValue, type ValidatedPlan } from './plan-body';

export const OFF_THREAD_BYTES = 128 * 1024;

export interface ValidationRequest {
  id: number;
  value: unknown;
  maxSteps: number | undefined;
  params?: Record<string, ParamValue>;
}

export type ValidationReply =
  | ({ id: number; ok: true } & ValidatedPlan)
  | { id: number; ok: false; error: { status: number; code: string; message: string; details?: unknown } };

/** A plan text's length; an object's body size, or (a chunked body) its step count at a modest 200 bytes a step. */
function estimatedBytes(value: unknown, bodyBytes: number | undefined): number {
  if (typeof value === 'string') return value.length;
  return bodyBytes ?? rawStepCount(value) * 200;
}

type Pending = (reply: ValidationReply) => void;

/** Cheap: only a plan that may hold a deploy block is parsed here (the rest is parsed where it is validated). */
function mentionsDeploy(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('deploy');
  const phases = (value as { phases?: unknown } | null)?.phases;
  return Array.isArray(phases) && phases.some((phase) => typeof phase === 'object' && phase !== null && 'deploy' in phase);
}

async function discovered(value: unknown, params: Record<string, ParamValue> | undefined): Promise<unknown> {
  let raw = value;
  if (typeof value === 'string') {
    const parsed = parsePlanText(value, 'request body');
    if (!parsed.ok) return value; // validation reports the syntax errors
    raw = parsed.value;
  }
  try {
    // The platform's address may be a param (`baseUrl: ${param:platformUrl}`): filled in first.
    return await discoverDeployGraphs(applyParams(raw, params).input);
  } catch (error) {
    if (!(error instanceof DiscoveryError)) throw error;
    throw new ApiError(422, 'invalid-plan', 'the deployment order could not be discovered', [{ code: 'discovery', path: error.path, message: error.message }]);
  }
}

/** One validation thread, started on first need, restarted if it dies; requests queue on it. */
export class PlanValidator {
  private thread: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** `maxSteps`: the most steps a plan may have (GOLIVE_MAX_PLAN_STEPS, read once here); undefined is the plan model's default. */
  constructor(private readonly maxSteps = maxPlanSteps()) {}

  /**
   * The plan in a request (`bodyBytes`: the request's content-length, if it had one), validated
   * inline or on the thread. A plan with deploy blocks first has their graphs discovered from the
   * platform (see deploy-discovery.ts), here, where the network and the API's secrets are.
   */
  async validate(value: unknown, bodyBytes: number | undefined, params?: Record<string, ParamValue>): Promise<ValidatedPlan> {
    if (mentionsDeploy(value)) {
      value = await discovered(value, params);
      bodyBytes = undefined;
    }
    if (estimatedBytes(value, bodyBytes) < OFF_THREAD_BYTES) return planFromRequestValue(value, this.maxSteps, params);
    const reply = await this.ask(value, params);
    if (!reply.ok) throw new ApiError(reply.error.status, reply.error.code, reply.error.message, reply.error.details);
    return { plan: reply.plan, analysis: reply.analysis, params: reply.params };
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    await thread?.terminate();
  }

  private ask(value: unknown, params: Record<string, ParamValue> | undefined): Promise<ValidationReply> {
    const id = ++this.nextId;
    return new Promise<ValidationReply>((resolve) => {
      this.pending.set(id, resolve);
      this.started().postMessage({ id, value, maxSteps: this.maxSteps, params } satisfies ValidationRequest);
    });
  }

  private started(): Worker {
    if (this.thread) return this.thread;
    const thread = startModuleThread(__dirname, 'plan-validation-worker');
    thread.unref();
    thread.on('message', (reply: ValidationReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    // A thread that dies (out of memory on a hostile plan) fails what it held; the next request starts another.
    const failAll = (err: unknown) => {
      if (this.thread === thread) this.thread = undefined;
      const message = `plan validation stopped: ${err instanceof Error ? err.message : String(err)}`;
      for (const [id, settle] of this.pending) settle({ id, ok: false, error: { status: 500, code: 'internal', message } });
      this.pending.clear();
    };
    thread.on('error', failAll);
    thread.on('exit', (code) => failAll(new Error(`thread exited with code ${code}`)));
    this.thread = thread;
    return thread;
  }
}
