/**
 * Runs the nodes of a dependency graph: a node starts once all its dependencies are satisfied,
 * none while paused, and at most `maxParallel` of them hold a worker slot at a time: nodes that
 * wait for people or timers (manual steps, waits, a step waiting for an answer) hold none, so a
 * 30-item manual checklist is open all at once. Used for a phase's steps, for compensations
 * (on the reversed graph) and for the rollback procedure. The ready set is kept incrementally (a
 * count of unmet dependencies per node, a heap in plan order), so each node costs the same
 * whatever the graph's size; dispatch order is plan order, as it always was.
 */
import { condition, patched } from '@temporalio/workflow';
import { MinHeap } from '../plan/min-heap';

export interface DagNode {
  id: string;
  dependsOn: readonly string[];
}

/**
 * Where a node stands when the run starts (a new run after continue-as-new finds some done or
 * under way): `done` satisfies its dependents, `active` is run first (to pick it up where it
 * was), `pending` waits for its dependencies, `blocked` never runs.
 */
export type NodeStart = 'done' | 'active' | 'pending' | 'blocked';

/**
 * A node's claim on one of the `maxParallel` worker slots. A node that starts waiting for a person
 * releases it; one that goes back to work (a retry) acquires it again: null when it has it at once,
 * else a promise of it. (No promise when none is needed: an extra await would reorder coroutines.)
 */
export interface WorkerSlot {
  release(): void;
  acquire(): Promise<void> | null;
}

/** No slot accounting (histories from before worker slots, callers outside a DAG). */
export const NO_SLOT: WorkerSlot = { release: () => undefined, acquire: () => null };

/** Steps that wait for a person or a timer (manual, wait) run without a worker: they need no slot. */
export function holdsWorker(step: { kind: string }): boolean {
  return step.kind !== 'manual' && step.kind !== 'wait';
}

export interface DagHooks<N extends DagNode> {
  maxParallel: number;
  /** Whether the node needs a worker slot to start (default: yes); manual steps and waits do not. */
  needsSlot?(node: N): boolean;
  paused(): boolean;
  /** Default: every node pending. */
  initial?(node: N): NodeStart;
  /** Whether a dependency outside `nodes` (an earlier phase) is satisfied. Default: yes. */
  external?(id: string): boolean;
  /** Runs a node to its end (satisfied); `true` stops further dispatching (running nodes still finish). */
  run(node: N, slot: WorkerSlot): Promise<boolean>;
}

export async function runDag<N extends DagNode>(nodes: readonly N[], hooks: DagHooks<N>): Promise<void> {
  const schedule = new ReadySet(nodes, hooks);
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  let failure: { error: unknown } | undefined;
  // A function, not a read: TypeScript cannot see the callbacks below assign `failure`.
  const firstFailure = () => failure;
  // Every promise in workflow code costs a stack capture (the SDK keeps them for the stack-trace
  // query), so the loop waits on one promise that any node's end resolves, instead of a
  // Promise.race over every running node (N promises per turn). Histories recorded before
  // waited on the race, whose extra hops can order dispatches differently: they keep it.
  const wakeOnEnd = patched('dag-wake-on-end');
  // Histories recorded before worker slots counted every running node against maxParallel.
  const slotted = wakeOnEnd && patched('worker-slots');
  const slots = new SlotPool(hooks.maxParallel, slotted);
  const waitingForSlot = new MinHeap();
  let wake: (() => void) | undefined;
  const nodeEnded = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const dispatch = (index: number, slot: WorkerSlot) => {
    const node = nodes[index];
    running.set(
      node.id,
      hooks.run(node, slot).then(
        (stop) => {
          running.delete(node.id);
          slot.release();
          if (stop) stopped = true;
          else schedule.satisfied(index);
          nodeEnded();
        },
        (error: unknown) => {
          running.delete(node.id);
          slot.release();
          failure ??= { error };
          nodeEnded();
        },
      ),
    );
  };
  const needsSlot = (index: number) => hooks.needsSlot?.(nodes[index]) ?? true;
  for (;;) {
    if (!stopped && !hooks.paused()) {
      if (slotted) {
        // Nodes under way go on at once (they fit before); the rest queue for a slot, in plan order.
        for (let i = schedule.nextActive(); i !== undefined; i = schedule.nextActive()) dispatch(i, slots.take(needsSlot(i), nodeEnded));
        for (let i = schedule.nextReady(); i !== undefined; i = schedule.nextReady()) {
          if (needsSlot(i)) waitingForSlot.push(i);
          else dispatch(i, slots.take(false, nodeEnded));
        }
        while (slots.free() && waitingForSlot.size > 0) dispatch(waitingForSlot.pop()!, slots.take(true, nodeEnded));
      } else {
        while (running.size < hooks.maxParallel) {
          const index = schedule.next();
          if (index === undefined) break;
          dispatch(index, slots.take(false, nodeEnded));
        }
      }
    }
    const early = firstFailure();
    if (early) throw early.error;
    if (running.size === 0) {
      if (stopped || !hooks.paused()) return;
      await condition(() => !hooks.paused());
      continue;
    }
    if (wakeOnEnd) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    } else {
      await Promise.race(running.values());
    }
    const late = firstFailure();
    if (late) {
      // Usually a rollback's cancellation: let every other node stop too before unwinding.
      await Promise.all(running.values());
      throw late.error;
    }
  }
}

/** The `maxParallel` worker slots of one DAG run. */
class SlotPool {
  private busy = 0;

  constructor(
    private readonly size: number,
    private readonly counting: boolean,
  ) {}

  free(): boolean {
    return this.busy < this.size;
  }

  /** A slot handle, holding a slot from the start when `holding`; `changed` wakes the scheduler on a release. */
  take(holding: boolean, changed: () => void): WorkerSlot {
    if (!this.counting) return NO_SLOT;
    if (holding) this.busy += 1;
    let held = holding;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.busy -= 1;
        changed();
      },
      acquire: () => {
        if (held) return null;
        const take = () => {
          this.busy += 1;
          held = true;
        };
        if (this.free()) {
          take();
          return null;
        }
        return condition(() => this.free()).then(take);
      },
    };
  }
}

/** Nodes that may start, by plan order: nodes under way first, then those whose dependencies are met. */
class ReadySet {
  private readonly unmet: number[];
  private readonly dependents: number[][];
  private readonly ready = new MinHeap();
  private readonly active: number[] = [];

  constructor(nodes: readonly DagNode[], hooks: Pick<DagHooks<DagNode>, 'initial' | 'external'>) {
    const index = new Map<string, number>();
    nodes.forEach((node, i) => {
      if (!index.has(node.id)) index.set(node.id, i);
    });
    const start = nodes.map((node) => hooks.initial?.(node) ?? 'pending');
    this.dependents = nodes.map(() => []);
    this.unmet = nodes.map((node, i) => {
      if (start[i] !== 'pending') return 0;
      let unmet = 0;
      for (const dep of new Set(node.dependsOn)) {
        const j = index.get(dep);
        if (j === undefined) {
          if (hooks.external && !hooks.external(dep)) return Number.POSITIVE_INFINITY;
        } else if (start[j] !== 'done') {
          unmet += 1;
          this.dependents[j].push(i);
        }
      }
      return unmet;
    });
    start.forEach((state, i) => {
      if (state === 'active') this.active.push(i);
      else if (state === 'pending' && this.unmet[i] === 0) this.ready.push(i);
    });
  }

  next(): number | undefined {
    return this.active.length > 0 ? this.active.shift() : this.ready.pop();
  }

  /** A node found under way when the run started, to pick up first. */
  nextActive(): number | undefined {
    return this.active.shift();
  }

  /** The first node by plan order whose dependencies are met. */
  nextReady(): number | undefined {
    return this.ready.pop();
  }

  /** Node `i` ended satisfied: its dependents may become ready. */
  satisfied(i: number): void {
    for (const j of this.dependents[i]) if (--this.unmet[j] === 0) this.ready.push(j);
  }
}
