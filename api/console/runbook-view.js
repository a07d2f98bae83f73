// The runbook: the cutover's summary, its phases, and every step with owner, priority, state, time taken against the estimate, notes.
import { byId, el, formatMs, formatTime } from './dom.js';

const stateCell = (state) => el('td', { class: `state state-${state}` }, state);

function elapsedMs(startedAt, endedAt, now) {
  if (!startedAt) return null;
  return (endedAt ? Date.parse(endedAt) : now) - Date.parse(startedAt);
}

/** "took 3.1s of 5s"; over its estimate it is marked. */
function durationCell(step, plan, now) {
  const took = elapsedMs(step.startedAt, step.endedAt, now);
  const estimate = plan?.estimateMs || null;
  const over = took !== null && estimate !== null && took > estimate;
  const text = `${took === null ? '—' : formatMs(took)}${estimate ? ` / ${formatMs(estimate)}` : ''}`;
  return el('td', { class: over ? 'duration over-estimate' : 'duration', title: over ? 'over its estimate' : '' }, text);
}

function stepDetail(step) {
  if (step.error) return step.error.message;
  if (step.completion) return `completed by ${step.completion.operator}: ${step.completion.evidence}`;
  if (step.skipReason) return `skipped: ${step.skipReason}`;
  return step.result?.summary ?? '';
}

/** The mode as the status reads it: a rehearsal in capitals, with its comms and time scale when not the usual. */
function modeText(doc) {
  const parts = [doc.mode === 'rehearsal' ? 'REHEARSAL' : doc.mode];
  if (doc.comms && doc.comms !== 'on') parts.push(`comms ${doc.comms}`);
  if (doc.timeScale && doc.timeScale !== 1) parts.push(`time ×${doc.timeScale}`);
  return parts.join(', ');
}

export function renderSummary(doc) {
  byId('detail-title').textContent = `${doc.id} — ${doc.name}`;
  byId('detail-summary').textContent =
    `${doc.state}${doc.phase ? ` · phase ${doc.phase}` : ''} · ${modeText(doc)}${doc.paused ? ' · paused' : ''}` +
    `${doc.rollback ? ` · rollback (${doc.rollback.stage ?? 'under way'}) by ${doc.rollback.requestedBy}: ${doc.rollback.reason}` : ''}` +
    `${doc.error ? ` · error: ${doc.error.message}` : ''}`;
  byId('detail-summary').className = `state-${doc.state}`;
  byId('phases').replaceChildren(
    ...doc.phases.map((phase) =>
      el(
        'li',
        { class: `phase state-${phase.state}`, 'data-phase': phase.id },
        el('strong', {}, phase.title),
        el('span', {}, ` ${phase.state}`),
        phase.startedAt ? el('small', {}, ` ${formatTime(phase.startedAt)}${phase.endedAt ? `–${formatTime(phase.endedAt)}` : ''}`) : null,
      ),
    ),
  );
}

export function renderSteps(ctx, doc) {
  const now = Date.now();
  const critical = new Set(ctx.graph?.criticalPath.steps ?? []);
  byId('steps-note').textContent = doc.stepsPage?.nextCursor ? `showing steps ${doc.stepsPage.offset + 1}–${doc.stepsPage.offset + doc.stepsPage.returned} of ${doc.stepsPage.total}` : '';
  document.querySelector('#steps tbody').replaceChildren(
    ...doc.steps.map((step) => {
      const plan = ctx.graph?.steps?.[step.id];
      const title = el('td', { class: 'title' }, step.title, plan?.notes ? el('div', { class: 'notes' }, plan.notes) : null);
      return el(
        'tr',
        { 'data-step': step.id, class: critical.has(step.id) ? 'critical' : '' },
        el('td', {}, step.section ?? step.phase),
        title,
        el('td', {}, step.kind),
        el('td', {}, step.owner ?? ''),
        el('td', { class: `priority priority-${step.priority}` }, step.priority),
        stateCell(step.state),
        el('td', { class: 'attempts' }, `${step.attempts}${step.runs > 1 ? ` (run ${step.runs})` : ''}`),
        durationCell(step, plan, now),
        el('td', { class: 'detail' }, stepDetail(step)),
      );
    }),
  );
}
