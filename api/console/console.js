// The operator console: lists cutovers and follows one, polling the golive API.
'use strict';
const api = (path) => fetch(`/api/v1${path}`).then((r) => r.json());
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

async function refreshDetail() {
  if (!selected) return;
  const doc = await api(`/cutovers/${encodeURIComponent(selected)}`);
  if (doc.error && !doc.id) return;
  document.getElementById('detail-section').hidden = false;
  document.getElementById('detail-title').textContent = `${doc.id} — ${doc.name}`;
  document.getElementById('detail-summary').textContent =
    `${doc.state}${doc.phase ? ` · phase ${doc.phase}` : ''} · ${doc.mode}${doc.error ? ` · error: ${doc.error.message}` : ''}`;
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

async function tick() {
  try {
    await Promise.all([refreshList(), refreshDetail()]);
    document.getElementById('refreshed').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (err) {
    document.getElementById('refreshed').textContent = `API unreachable: ${err.message}`;
  }
}

tick();
setInterval(tick, 2000);
