// "Waiting for": open gates and steps waiting for a person, with the answers the signed-in operator may give.
import { api, cutoverPath } from './api.js';
import { byId, el, formatTime, syncChildren } from './dom.js';
import { perform } from './feedback.js';
import { alreadyApproved, mayAct } from './roles.js';

/** `decide go / no-go` → [go, no-go]; `retry / skip / rollback` → [retry, skip, rollback]. */
const answersOf = (item) => item.what.replace(/^decide /, '').split(' / ');

function describe(item) {
  const approved = item.approvedBy ?? [];
  const approvals = item.quorum ? ` · ${approved.length} of ${item.quorum} approval(s)${approved.length ? ` (${approved.join(', ')})` : ''}` : '';
  const since = item.since ? ` · since ${formatTime(item.since)}` : '';
  const deadline = item.deadline ? ` · until ${formatTime(item.deadline)}` : '';
  const who = item.awaited && item.awaited.length ? item.awaited.join(', ') : item.roles.join(', ');
  return `${item.kind} ${item.id}: ${item.what} — ${who}${approvals}${since}${deadline}`;
}

function gateControls(ctx, item) {
  if (!mayAct(ctx.me, item)) return el('span', { class: 'hint' }, `only ${item.roles.join(', ')} may decide`);
  if (alreadyApproved(ctx.me, item)) return el('span', { class: 'hint' }, 'your approval is counted; waiting for the others');
  const reason = el('input', { class: 'reason', placeholder: 'reason', 'aria-label': `reason for ${item.id}` });
  const decide = (decision) =>
    perform(`decide ${decision} on ${item.id}`, () => api(cutoverPath(ctx.id, `/gates/${encodeURIComponent(item.id)}/decisions`), { method: 'POST', body: { decision, reason: reason.value } }));
  return el('span', { class: 'act' }, reason, ...answersOf(item).map((d) => el('button', { class: `decision decision-${d}`, 'data-decision': d, type: 'button', onclick: () => decide(d) }, d)));
}

function stepControls(ctx, item) {
  if (!mayAct(ctx.me, item)) return el('span', { class: 'hint' }, `only ${item.roles.join(', ')} may answer`);
  const plan = ctx.graph?.steps?.[item.id];
  const text = el('input', { class: 'reason', placeholder: 'reason', 'aria-label': `reason for ${item.id}` });
  const buttons = answersOf(item).map((answer) => {
    if (answer === 'complete') return null;
    // A failed step's "rollback" is the cutover's rollback: it asks for its reason and a confirmation.
    if (answer === 'rollback') return el('button', { type: 'button', 'data-answer': answer, onclick: () => ctx.requestRollback(`step ${item.id} failed`) }, 'roll back…');
    return el(
      'button',
      { type: 'button', 'data-answer': answer, onclick: () => perform(`${answer} ${item.id}`, () => api(cutoverPath(ctx.id, `/steps/${encodeURIComponent(item.id)}/${answer}`), { method: 'POST', body: { reason: text.value } })) },
      answer,
    );
  });
  if (!item.what.startsWith('complete')) return el('span', { class: 'act' }, text, ...buttons);
  const evidence = el('textarea', { class: 'evidence', rows: 2, placeholder: plan?.evidenceRequired === false ? 'evidence (optional)' : 'evidence (required)', 'aria-label': `evidence for ${item.id}` });
  const complete = (event) => {
    event.preventDefault();
    perform(`complete ${item.id}`, () => api(cutoverPath(ctx.id, `/steps/${encodeURIComponent(item.id)}/complete`), { method: 'POST', body: { evidence: evidence.value } }));
  };
  return el(
    'form',
    { class: 'act complete-form', onsubmit: complete },
    plan?.instructions ? el('p', { class: 'instructions' }, plan.instructions) : null,
    evidence,
    el('button', { class: 'complete', type: 'submit' }, 'complete'),
    // Contingency and rollback steps may be skipped instead; their reason goes with the skip.
    buttons.length ? el('span', {}, text, ...buttons) : null,
  );
}

export function renderWaiting(ctx, doc) {
  const items = doc.waiting?.items ?? [];
  byId('waiting').hidden = items.length === 0;
  syncChildren(byId('waiting-items'), items, {
    key: (item) => `${item.kind}:${item.id}`,
    signature: (item) => JSON.stringify([item, Boolean(ctx.graph)]),
    render: (item) =>
      el('li', { 'data-kind': item.kind, 'data-id': item.id }, el('span', { class: 'what' }, describe(item)), item.kind === 'gate' ? gateControls(ctx, item) : stepControls(ctx, item)),
  });
}
