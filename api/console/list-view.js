// The cutover list: id, plan, state and mode of each; a click follows one.
import { api } from './api.js';
import { el } from './dom.js';

export async function refreshList(onSelect, selectedId) {
  const { cutovers } = await api('/cutovers');
  document.querySelector('#cutovers tbody').replaceChildren(
    ...cutovers.map((c) => {
      const state = c.state ?? c.temporalStatus.toLowerCase();
      return el(
        'tr',
        { class: `link${c.id === selectedId ? ' selected' : ''}`, 'data-id': c.id, onclick: () => onSelect(c.id) },
        el('td', {}, c.id),
        el('td', {}, c.name ?? ''),
        el('td', { class: `state state-${state}` }, state),
        el('td', { class: `mode mode-${c.mode}` }, c.mode ?? ''),
        el('td', {}, new Date(c.startedAt).toLocaleString()),
      );
    }),
  );
}
