// Filters and the map view live in the page's URL, so a view can be shared by copying it.
export const FILTERS = ['from', 'to', 'country', 'type', 'actor', 'min_fatalities', 'q'];

export function readState(search = location.search) {
  const p = new URLSearchParams(search);
  const filters = {};
  for (const k of FILTERS) { if (p.get(k)) filters[k] = p.get(k); }
  const view = p.has('z') ? { z: +p.get('z'), lat: +p.get('lat'), lon: +p.get('lon') } : null;
  return { filters, view, event: p.get('event') || null };
}

export function writeState(state, replace = false) {
  const p = new URLSearchParams();
  for (const k of FILTERS) { if (state.filters[k]) p.set(k, state.filters[k]); }
  if (state.view) {
    p.set('z', state.view.z);
    p.set('lat', state.view.lat.toFixed(4));
    p.set('lon', state.view.lon.toFixed(4));
  }
  if (state.event) p.set('event', state.event);
  const url = location.pathname + (p.toString() ? '?' + p : '');
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
}

export function filterQuery(filters, extra = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== '' && v != null) p.set(k, v);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
