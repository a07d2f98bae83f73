// Pause / resume / rollback of the whole cutover: a reason is required, a rollback asks for confirmation first.
import { api, cutoverPath } from './api.js';
import { byId } from './dom.js';
import { perform, showMessage } from './feedback.js';
import { mayControl } from './roles.js';

const FINISHED = ['completed', 'rolled-back', 'no-go', 'failed'];

/** Wires the static form once; `current()` gives the cutover shown now. */
export function setUpControls(current) {
  const form = byId('controls');
  const reason = byId('control-reason');
  const dialog = byId('rollback-dialog');

  const send = (action) => {
    // The reason is required by the API too; asking here first saves a round trip.
    if (!reason.reportValidity()) return;
    const id = current().id;
    perform(`${action} ${id}`, () => api(cutoverPath(id, `/${action}`), { method: 'POST', body: { reason: reason.value } })).then((ok) => {
      if (ok) reason.value = '';
    });
  };
  form.addEventListener('submit', (event) => event.preventDefault());
  byId('pause').addEventListener('click', () => send('pause'));
  byId('resume').addEventListener('click', () => send('resume'));
  byId('rollback').addEventListener('click', () => requestRollback());

  /** Opens the confirmation; `suggested` pre-fills an empty reason. */
  function requestRollback(suggested) {
    if (!reason.value && suggested) reason.value = suggested;
    if (!reason.reportValidity()) return;
    byId('rollback-reason').textContent = reason.value;
    byId('rollback-cutover').textContent = current().id;
    dialog.showModal();
  }
  byId('rollback-confirm').addEventListener('click', () => {
    dialog.close();
    send('rollback');
  });
  byId('rollback-cancel').addEventListener('click', () => {
    dialog.close();
    showMessage('rollback cancelled', 'ok');
  });
  return { requestRollback };
}

export function renderControls(ctx, doc) {
  const allowed = mayControl(ctx.me) && !FINISHED.includes(doc.state) && doc.state !== 'rolling-back';
  byId('controls').hidden = !allowed;
  byId('pause').hidden = doc.paused;
  byId('resume').hidden = !doc.paused;
}
