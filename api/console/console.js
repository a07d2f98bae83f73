// The operator console: sign in with a token, pick a cutover, follow it live and act on it within your roles.
import { withAcknowledgement } from './acknowledgement.js';
import { api, ApiRefusal, cutoverPath, signIn, signOut } from './api.js';
import { setUpControls, renderControls } from './controls.js';
import { byId } from './dom.js';
import { onActionDone, showMessage } from './feedback.js';
import { renderGraph } from './graph-svg.js';
import { renderIssues, setUpIssueForm } from './issues-view.js';
import { refreshList } from './list-view.js';
import { follow } from './live.js';
import { renderLog } from './log-view.js';
import { renderMetricCharts } from './metric-charts.js';
import { renderSteps, renderSummary } from './runbook-view.js';
import { renderWaiting } from './waiting-panel.js';

const LIST_MS = 5000;
const STALE_MS = 3000;

// A token arrives once in the URL (#token=…) or through the sign-in form, and stays for this tab.
const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromHash) {
  signIn(fromHash);
  history.replaceState(null, '', location.pathname + location.search);
}

/** What the views share: the cutover followed, who is signed in, its plan graph, the last document. */
const ctx = { id: new URLSearchParams(location.search).get('cutover'), me: null, graph: null, doc: null, staleUntil: null, follower: null, requestRollback: () => undefined };

function render(doc) {
  ctx.doc = doc;
  byId('detail-section').hidden = false;
  renderSummary(doc);
  renderControls(ctx, doc);
  renderWaiting(ctx, doc);
  renderGraph(ctx, doc);
  renderSteps(ctx, doc);
  renderMetricCharts(doc);
  renderIssues(ctx, doc);
  renderLog(doc);
  byId('refreshed').textContent = `updated ${new Date().toLocaleTimeString()}`;
}

function needSignIn() {
  byId('login').hidden = false;
  byId('whoami').hidden = true;
}

function onReadError(err) {
  if (err instanceof ApiRefusal && err.status === 401) needSignIn();
  byId('refreshed').textContent = `not updated: ${err.message}`;
}

async function select(id) {
  ctx.follower?.stop();
  Object.assign(ctx, { id, graph: null, doc: null, staleUntil: null });
  history.replaceState(null, '', `?cutover=${encodeURIComponent(id)}`);
  document.querySelectorAll('#cutovers tr.selected').forEach((row) => row.classList.remove('selected'));
  document.querySelector(`#cutovers tr[data-id="${CSS.escape(id)}"]`)?.classList.add('selected');
  ctx.follower = follow(id, {
    onStatus: (doc) => {
      if (doc.id !== ctx.id) return;
      // A document read before the acknowledged action would undo what the acknowledgement showed
      // (for a few seconds at most: should two changes ever share a timestamp, the view does not stall).
      if (ctx.staleUntil && doc.updatedAt <= ctx.staleUntil.updatedAt && Date.now() < ctx.staleUntil.expires) return;
      ctx.staleUntil = null;
      render(doc);
    },
    onError: onReadError,
    onMode: (mode) => (byId('live-mode').textContent = mode === 'live' ? '● live' : 'polling every 2 s'),
  });
  try {
    const graph = await api(cutoverPath(id, '/graph'));
    if (ctx.id !== id) return;
    ctx.graph = graph;
    if (ctx.doc) render(ctx.doc);
  } catch (err) {
    byId('graph').textContent = `no graph: ${err.message}`;
  }
}

async function listTick() {
  try {
    await refreshList(select, ctx.id);
  } catch (err) {
    onReadError(err);
  }
}

async function start() {
  // No token needed when the API is open (golive dev without a tokens file): /me answers 401 otherwise.
  try {
    ctx.me = await api('/me');
  } catch (err) {
    onReadError(err);
    return;
  }
  byId('login').hidden = true;
  byId('whoami').hidden = false;
  byId('operator').textContent = `${ctx.me.operator} · ${ctx.me.roles.join(', ') || 'no role'}`;
  await listTick();
  if (ctx.id) select(ctx.id);
}

byId('login').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn(byId('token').value.trim());
  byId('token').value = '';
  start();
});
byId('sign-out').addEventListener('click', () => {
  signOut();
  location.reload();
});
onActionDone((answer) => {
  // The acknowledgement already says where the cutover stands: shown at once, the full document follows.
  const ack = answer?.status ?? answer;
  if (ctx.doc && ack?.id === ctx.id && ack.state) {
    ctx.staleUntil = { updatedAt: ctx.doc.updatedAt, expires: Date.now() + STALE_MS };
    render(withAcknowledgement(ctx.doc, ack));
  }
  ctx.follower?.refresh();
});
ctx.requestRollback = setUpControls(() => ctx).requestRollback;
setUpIssueForm(() => ctx);
showMessage('', '');
start();
setInterval(() => ctx.me && listTick(), LIST_MS);
