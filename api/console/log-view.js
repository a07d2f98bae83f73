// The decision and action log: gate decisions and approvals, operator actions and golive's own, newest first.
import { byId, el, formatTime } from './dom.js';

const who = (r) => `${r.operator} (${r.roles.join(', ') || 'no role'}) via ${r.source}${r.verified === false ? ', unverified' : ''}`;

export function renderLog(doc) {
  const entries = [
    ...doc.decisions.map((d) => ({ at: d.at, kind: 'decision', what: `${d.effect === 'approval' ? 'approved' : 'decided'} ${d.decision} on ${d.gate}`, record: d })),
    ...doc.actions.map((a) => ({ at: a.at, kind: 'action', what: `${a.action}${a.target ? ` ${a.target}` : ''}`, record: a })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  document.querySelector('#log tbody').replaceChildren(
    ...entries.map((e) =>
      el('tr', { class: `log-${e.kind}` }, el('td', {}, formatTime(e.at)), el('td', {}, e.kind), el('td', {}, e.what), el('td', {}, who(e.record)), el('td', {}, e.record.reason)),
    ),
  );
  const rejected = doc.rejectedTotal ?? doc.rejected.length;
  byId('rejected-note').textContent = rejected ? `${rejected} message(s) refused by the workflow (not acted on)` : '';
}
