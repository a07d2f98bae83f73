// An accepted action's acknowledgement (state, phase, paused, what the cutover waits for) laid over the last document.

export function withAcknowledgement(doc, ack) {
  return {
    ...doc,
    state: ack.state,
    phase: ack.phase,
    paused: ack.paused,
    // The acknowledgement lists the first waiting items only; the full document that follows has them all.
    waiting: { items: ack.waitingFor, total: Math.max(ack.waitingFor.length, doc.waiting?.total ?? 0) },
  };
}
