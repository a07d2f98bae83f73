/**
 * Runs the nodes of a dependency graph: a node starts once all its dependencies are satisfied,
 * at most `maxParallel` at a time, none while the cutover is paused. Used for a phase's steps,
 * for compensations (on the reversed graph) and for the rollback procedure.
 */
import { condition } from '@temporalio/workflow';

export interface DagNode {
  id: string;
  dependsOn: readonly string[];
}

export interface DagHooks<N extends DagNode> {
  maxParallel: number;
  /** Nodes that may start now (pending, dependencies satisfied), in plan order. */
  ready(nodes: readonly N[]): N[];
  paused(): boolean;
  /** Runs a node to its end; `true` stops further dispatching (running nodes still finish). */
  run(node: N): Promise<boolean>;
}

export async function runDag<N extends DagNode>(nodes: readonly N[], hooks: DagHooks<N>): Promise<void> {
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  let failure: { error: unknown } | undefined;
  // A function, not a read: TypeScript cannot see the callbacks below assign `failure`.
  const firstFailure = () => failure;
  for (;;) {
    if (!stopped && !hooks.paused()) {
      for (const node of hooks.ready(nodes)) {
        if (running.size >= hooks.maxParallel) break;
        if (running.has(node.id)) continue;
        running.set(
          node.id,
          hooks.run(node).then(
            (stop) => {
              running.delete(node.id);
              stopped ||= stop;
            },
            (error: unknown) => {
              running.delete(node.id);
              failure ??= { error };
            },
          ),
        );
      }
    }
    const early = firstFailure();
    if (early) throw early.error;
    if (running.size === 0) {
      if (stopped || !hooks.paused()) return;
      await condition(() => !hooks.paused());
      continue;
    }
    await Promise.race(running.values());
    const late = firstFailure();
    if (late) {
      // Usually a rollback's cancellation: let every other node stop too before unwinding.
      await Promise.all(running.values());
      throw late.error;
    }
  }
}
