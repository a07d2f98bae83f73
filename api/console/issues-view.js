// The issue log: the agents' template (time of call, caller ANI, CSR username, details, screenshots) and resolving.
import { api, cutoverPath } from './api.js';
import { byId, el, formatTime, syncChildren } from './dom.js';
import { perform } from './feedback.js';

/** The form's fields as the API's issue body: empty optional fields left out, screenshots one link per line. */
function issueBody(form) {
  const value = (name) => form.elements[name].value.trim();
  const body = { severity: value('severity'), summary: value('summary'), details: value('details') };
  const callTime = value('callTime');
  if (callTime) body.callTime = new Date(callTime).toISOString();
  for (const name of ['callerAni', 'csrUsername', 'owner', 'step']) if (value(name)) body[name] = value(name);
  body.screenshots = value('screenshots')
    .split(/\s+/)
    .filter(Boolean);
  return body;
}

export function setUpIssueForm(current) {
  const form = byId('issue-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ok = await perform('report issue', () => api(cutoverPath(current().id, '/issues'), { method: 'POST', body: issueBody(form) }));
    if (ok) form.reset();
  });
}

function resolveControls(ctx, issue) {
  if (issue.state !== 'open') return el('span', {}, `resolved by ${issue.resolvedBy} at ${formatTime(issue.resolvedAt)}: ${issue.resolution}`);
  const resolution = el('input', { class: 'resolution', placeholder: 'resolution', 'aria-label': `resolution of ${issue.id}`, required: true });
  const resolve = (event) => {
    event.preventDefault();
    perform(`resolve ${issue.id}`, () => api(cutoverPath(ctx.id, `/issues/${encodeURIComponent(issue.id)}/resolve`), { method: 'POST', body: { resolution: resolution.value } }));
  };
  return el('form', { class: 'resolve-form', onsubmit: resolve }, resolution, el('button', { type: 'submit' }, 'resolve'));
}

function issueRow(ctx, issue) {
  const links = issue.screenshots.map((url) => el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url.replace(/^https?:\/\//, '')));
  return el(
    'tr',
    { 'data-issue': issue.id, class: `issue-${issue.state} severity-${issue.severity}` },
    el('td', {}, issue.id),
    el('td', { class: 'severity' }, issue.severity),
    el('td', {}, el('strong', {}, issue.summary), issue.details ? el('div', { class: 'notes' }, issue.details) : null),
    el('td', { class: 'call' }, [issue.callTime ? `call ${new Date(issue.callTime).toLocaleString()}` : null, issue.callerAni ? `ANI ${issue.callerAni}` : null, issue.csrUsername ? `CSR ${issue.csrUsername}` : null].filter(Boolean).join(' · ')),
    el('td', { class: 'screenshots' }, ...links.flatMap((a) => [a, ' '])),
    el('td', {}, `${issue.reportedBy}${issue.owner ? ` → ${issue.owner}` : ''}${issue.step ? ` (step ${issue.step})` : ''}`),
    el('td', { class: `state state-${issue.state}` }, issue.state),
    el('td', {}, resolveControls(ctx, issue)),
  );
}

export function renderIssues(ctx, doc) {
  byId('issues-empty').hidden = doc.issues.length > 0;
  syncChildren(document.querySelector('#issues tbody'), [...doc.issues].reverse(), {
    key: (issue) => issue.id,
    signature: (issue) => JSON.stringify(issue),
    render: (issue) => issueRow(ctx, issue),
  });
}
