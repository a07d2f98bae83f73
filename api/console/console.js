// The operator console: lists cutovers and follows one, polling the golive API.
'use strict';
// A token arrives once in the URL (#token=…) or through the prompt, and stays for this tab.
// Signing in also sets the codec cookie, so the Temporal UI (same host, other port) can decode payloads.
function signIn(token) {
  sessionStorage.setItem('golive-token', token);
  fetch('/codec/session', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
}

const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromHash) {
  signIn(fromHash);
  history.replaceState(null, '', location.pathname + location.search);
}

async function api(path) {
  const token = sessionStorage.getItem('golive-token');
  const response = await fetch(`/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (response.status === 401) {
    document.getElementById('login').hidden = false;
    throw new Error('a token is needed');
  }
  return response.json();
}

document.getElementById('login').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn(document.getElementById('token').value.trim());
  document.getElementById('login').hidden = true;
  tick();
});
let selected = new URLSearchParams(location.search).get('cutover');

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
}

function stateCell(state) {
  return cell(state, `state state-${state}`);
}

async function refreshList() {
  const { cutovers } = await api('/cutovers');
  const body = document.querySelector('#cutovers tbody');
  body.replaceChildren(
    ...cutovers.map((c) => {
      const row = document.createElement('tr');
      row.className = 'link';
      row.dataset.id = c.id;
      row.append(cell(c.id), stateCell(c.state ?? c.temporalStatus.toLowerCase()), cell(c.mode), cell(new Date(c.startedAt).toLocaleString()));
      row.addEventListener('click', () => {
        selected = c.id;
        history.replaceState(null, '', `?cutover=${encodeURIComponent(c.id)}`);
        refreshDetail();
      });
      return row;
    }),
  );
}

/** The mode as the status reads it: a rehearsal in capitals, with its comms and time scale when not the usual. */
function modeText(doc) {
  const parts = [doc.mode === 'rehearsal' ? 'REHEARSAL' : doc.mode];
  if (doc.comms && doc.comms !== 'on') parts.push(`comms ${doc.comms}`);
  if (doc.timeScale && doc.timeScale !== 1) parts.push(`time ×${doc.timeScale}`);
  return parts.join(', ');
}

async function refreshDetail() {
  if (!selected) return;
  const doc = await api(`/cutovers/${encodeURIComponent(selected)}`);
  if (doc.error && !doc.id) return;
  document.getElementById('detail-section').hidden = false;
  document.getElementById('detail-title').textContent = `${doc.id} — ${doc.name}`;
  document.getElementById('detail-summary').textContent =
    `${doc.state}${doc.phase ? ` · phase ${doc.phase}` : ''} · ${modeText(doc)}${doc.error ? ` · error: ${doc.error.message}` : ''}`;
  renderWaiting(doc);
  document.querySelector('#steps tbody').replaceChildren(
    ...doc.steps.map((s) => {
      const row = document.createElement('tr');
      row.dataset.step = s.id;
      const detail = s.error ? s.error.message : s.result && s.result.summary;
      row.append(cell(s.phase), cell(s.title), cell(s.kind), cell(s.owner), stateCell(s.state), cell(String(s.attempts)), cell(detail));
      return row;
    }),
  );
}

// What the cutover waits for: open gates (approvals so far of the quorum), steps waiting for a person.
function renderWaiting(doc) {
  const items = (doc.waiting && doc.waiting.items) || [];
  document.getElementById('waiting').hidden = items.length === 0;
  document.getElementById('waiting-items').replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      li.dataset.kind = item.kind;
      li.dataset.id = item.id;
      const approvals = item.quorum ? ` · ${(item.approvedBy || []).length} of ${item.quorum} approval(s)${(item.approvedBy || []).length ? ` (${item.approvedBy.join(', ')})` : ''}` : '';
      const since = item.since ? ` · since ${new Date(item.since).toLocaleTimeString()}` : '';
      const who = item.awaited && item.awaited.length ? item.awaited.join(', ') : item.roles.join(', ');
      li.textContent = `${item.kind} ${item.id}: ${item.what} — ${who}${approvals}${since}`;
      return li;
    }),
  );
}

async function tick() {
  try {
    await Promise.all([refreshList(), refreshDetail()]);
    document.getElementById('refreshed').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (err) {
    document.getElementById('refreshed').textContent = `not updated: ${err.message}`;
  }
}

tick();
setInterval(tick, 2000);
