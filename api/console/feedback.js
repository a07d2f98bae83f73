// Every operator action goes through here: the API call, then what it answered (or the API's refusal) in #message.
import { byId } from './dom.js';

let afterAction = () => undefined;

/** What to do after an accepted action, given the API's answer (show its acknowledgement, re-read the status). */
export function onActionDone(fn) {
  afterAction = fn;
}

export function showMessage(text, kind) {
  const box = byId('message');
  box.textContent = text;
  box.className = kind;
  box.hidden = !text;
}

/** Runs `call` (an API call); the outcome is shown, a refusal with the API's own message. True when accepted. */
export async function perform(description, call) {
  showMessage(`${description}…`, 'pending');
  try {
    const answer = await call();
    showMessage(`${description}: done`, 'ok');
    afterAction(answer);
    return true;
  } catch (err) {
    showMessage(`${description}: refused — ${err.message}`, 'refused');
    return false;
  }
}
