// Small DOM helpers shared by the console's views (no framework: the console is served as is).

/** An element with attributes (`class`, `data-*`, `on*` handlers, properties) and children (nodes or text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element; children as for el (text becomes text nodes). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

function setAttrs(node, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else if (name.startsWith('data-') || name.startsWith('aria-') || name === 'for' || name === 'role') node.setAttribute(name, String(value));
    else node[name] = value;
  }
}

/**
 * Replaces `container`'s children by `items`, keeping the node of an item whose key and signature
 * did not change, so what an operator is typing in a form survives a live update.
 */
export function syncChildren(container, items, { key, signature, render }) {
  const existing = new Map([...container.children].map((child) => [child.dataset.key, child]));
  const nodes = items.map((item) => {
    const k = key(item);
    const sig = signature(item);
    const old = existing.get(k);
    if (old && old.dataset.signature === sig) return old;
    const node = render(item);
    node.dataset.key = k;
    node.dataset.signature = sig;
    return node;
  });
  // Leave nodes in place when nothing changed, or a focused field would lose focus.
  const same = nodes.length === container.children.length && nodes.every((node, i) => container.children[i] === node);
  if (!same) container.replaceChildren(...nodes);
}

export const byId = (id) => document.getElementById(id);

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '';
}

/** 1h 02m, 3m 05s, 4.2s, 120ms. */
export function formatMs(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
