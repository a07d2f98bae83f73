// Follows one cutover's status document: Server-Sent Events when the API offers them, else a poll every 2 s.
import { api, cutoverPath, token } from './api.js';

const POLL_MS = 2000;

/**
 * Calls `onStatus(doc)` with every new document and `onError(err)` when a read fails; `mode`
 * tells how it follows ('live' or 'polling'). Returns `{stop, refresh}`: refresh reads at once
 * (after an action, so the acting operator never waits for the next push).
 */
export function follow(id, { onStatus, onError, onMode }) {
  let stopped = false;
  let source = null;
  let timer = null;

  const read = async () => {
    try {
      const doc = await api(cutoverPath(id));
      if (!stopped) onStatus(doc);
    } catch (err) {
      if (!stopped) onError(err);
    }
  };
  const poll = () => {
    if (stopped || timer) return;
    onMode('polling');
    read();
    timer = setInterval(read, POLL_MS);
  };

  if (typeof EventSource === 'function') {
    // EventSource cannot set headers: the token goes as access_token (the API accepts it on this route only).
    const current = token();
    source = new EventSource(`/api/v1${cutoverPath(id, '/events')}${current ? `?access_token=${encodeURIComponent(current)}` : ''}`);
    source.addEventListener('status', (event) => {
      onMode('live');
      if (!stopped) onStatus(JSON.parse(event.data));
    });
    source.addEventListener('end', () => source.close());
    // The workflow did not answer one read: say so, and keep the stream (the next read may).
    source.addEventListener('unavailable', (event) => onError(new Error(JSON.parse(event.data).error.message)));
    // No SSE route (an older API), a refused token or a dropped stream: fall back to polling.
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED || source.readyState === EventSource.CONNECTING) {
        source.close();
        poll();
      }
    };
  } else {
    poll();
  }

  return {
    refresh: read,
    stop() {
      stopped = true;
      source?.close();
      if (timer) clearInterval(timer);
    },
  };
}
