// Sitrep's dashboard: a map of events (server-side clustering when zoomed out), a weekly timeline,
// filters kept in the URL, and an event panel with the text behind every field.
import { highlight } from './evidence.js';
import { readState, writeState, filterQuery, FILTERS } from './state.js';

const TYPES = {
  'Battles': '#d62728',
  'Explosions/Remote violence': '#ff7f0e',
  'Violence against civilians': '#9467bd',
  'Protests': '#2ca02c',
  'Riots': '#8c564b',
  'Strategic developments': '#1f77b4',
};
const PRECISION = { 1: 'town', 2: 'near a town or part of a region', 3: 'province or large region' };
const TIME_PRECISION = { 1: 'day', 2: 'week', 3: 'month' };

// For tests and curious users: what the page currently shows.
const status = window.sitrep = { loading: 0, mode: null, points: 0, cells: 0, total: 0, event: null, evidence: 0, errors: [] };

let state = readState();
const form = document.getElementById('filters');
const map = L.map('map', { worldCopyJump: true, minZoom: 2 }).setView([20, 20], 2);
const svg = L.svg();
const layer = L.layerGroup().addTo(map);
let chart = null;
let fittedOnce = !!state.view;

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

async function getJSON(url) {
  status.loading++;
  try {
    const r = await fetch(url);
    const body = await r.json();
    if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
    return body;
  } catch (e) {
    status.errors.push(String(e));
    throw e;
  } finally {
    status.loading--;
  }
}

// ---- basemap: offline country outlines always, OpenStreetMap tiles on top when reachable.
async function basemap() {
  const outlines = await getJSON('/basemap.geojson');
  const countries = L.geoJSON(outlines, {
    style: { color: '#8a8a8a', weight: 0.7, fillColor: '#f3f0e8', fillOpacity: 1 }, interactive: false,
  }).addTo(map);
  countries.bringToBack();
  const probe = new Image();
  const timer = setTimeout(() => { probe.src = ''; }, 3000);
  probe.onload = () => {
    clearTimeout(timer);
    L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 18, attribution: '© OpenStreetMap contributors',
    }).addTo(map).bringToBack();
    countries.setStyle({ fillOpacity: 0 });
  };
  probe.src = 'https://tile.openstreetmap.org/0/0/0.png';
}

function legend() {
  const box = document.getElementById('legend');
  for (const [t, c] of Object.entries(TYPES)) {
    box.append(el('div', {}, el('span', { class: 'sw', style: `background:${c}` }), t));
  }
  box.append(el('div', { class: 'fields' }, 'size: fatalities · hollow: place known only to a region'));
}

function radius(fatalities) { return 5 + Math.min(18, 2.2 * Math.sqrt(fatalities)); }

// ---- the map's points or cells for the current view and filters
let mapRequest = 0;
async function refreshMap() {
  const b = map.getBounds();
  const west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
  const south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
  const q = filterQuery(state.filters, { bbox: [west, south, east, north].map(v => v.toFixed(4)).join(','), zoom: map.getZoom() });
  const id = ++mapRequest;
  const data = await getJSON('/api/map?' + q);
  if (id !== mapRequest) return;  // a newer view was asked for meanwhile
  layer.clearLayers();
  status.mode = data.mode;
  status.total = data.total;
  status.points = 0;
  status.cells = 0;
  if (data.mode === 'points') {
    for (const p of data.points) {
      const color = TYPES[p.type] || '#555';
      const hollow = p.geo_precision >= 2;
      const m = L.circleMarker([p.lat, p.lon], {
        renderer: svg, radius: radius(p.fatalities), color, weight: 2,
        fillColor: color, fillOpacity: hollow ? 0 : 0.7, className: 'event-marker ev-' + p.id,
      });
      m.bindTooltip(`${p.date} · ${p.location} · ${p.type} · ${p.fatalities} fatalities`);
      m.on('click', () => openEvent(p.id));
      m.addTo(layer);
      status.points++;
    }
    if (!fittedOnce && data.points.length) {
      fittedOnce = true;
      map.fitBounds(L.latLngBounds(data.points.map(p => [p.lat, p.lon])).pad(0.3), { maxZoom: 8 });
    }
  } else {
    for (const c of data.cells) {
      const size = Math.round(22 + 8 * Math.log10(c.events));
      const icon = L.divIcon({ className: 'cluster', html: String(c.events), iconSize: [size, size] });
      const m = L.marker([c.lat, c.lon], { icon, title: `${c.events} events, ${c.fatalities} fatalities` });
      m.on('click', () => map.setView([c.lat, c.lon], Math.min(map.getZoom() + 3, 18)));
      m.addTo(layer);
      status.cells++;
    }
  }
  document.getElementById('summary').textContent =
    `${data.total.toLocaleString()} events in view` + (data.mode === 'cells' ? ' (grouped; zoom in for single events)' : '');
}

// ---- weekly timeline: events by type (stacked bars) and fatalities (line)
async function refreshTimeline() {
  const data = await getJSON('/api/stats?' + filterQuery(state.filters, { include: 'bands,series', weeks: 1 }));
  const s = data.series;
  const datasets = Object.entries(s.by_type).map(([t, v]) => ({
    type: 'bar', label: t, data: v.events, backgroundColor: TYPES[t] || '#999', stack: 'events',
  }));
  const fatalities = s.weeks.map((_, i) => Object.values(s.by_type).reduce((a, v) => a + v.fatalities[i], 0));
  datasets.push({ type: 'line', label: 'Fatalities', data: fatalities, borderColor: '#111', backgroundColor: '#111',
    yAxisID: 'y1', pointRadius: 0, borderWidth: 1.5 });
  if (chart) chart.destroy();
  chart = new Chart(document.getElementById('timeline'), {
    data: { labels: s.weeks, datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: 'right', labels: { boxWidth: 10, font: { size: 11 } } } },
      scales: {
        x: { stacked: true, ticks: { maxTicksLimit: 12, font: { size: 10 } } },
        y: { stacked: true, title: { display: true, text: 'events / week' } },
        y1: { position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: 'fatalities' } },
      },
    },
  });
  const list = document.getElementById('countries');
  list.replaceChildren(...[...new Set(data.bands.map(b => b.country))].sort().map(c => el('option', { value: c })));
  status.weeks = s.weeks.length;
}

function downloads() {
  for (const f of ['csv', 'geojson']) {
    document.getElementById('dl-' + f).href = '/api/events?' + filterQuery(state.filters, { format: f, limit: 100000 });
  }
}

// ---- the event panel
function row(dl, label, value) {
  if (value == null || value === '') return;
  dl.append(el('dt', {}, label), el('dd', {}, value));
}

async function openEvent(id) {
  state.event = id;
  writeState(state, true);
  const panel = document.getElementById('panel');
  panel.replaceChildren(el('p', { class: 'hint' }, 'Loading…'));
  let d;
  try {
    d = await getJSON('/api/events/' + encodeURIComponent(id));
  } catch (err) {
    // An unknown id (a stale link) or a deleted event: say so, with the server's reason.
    panel.replaceChildren(el('h2', {}, 'No such event'), el('p', { class: 'hint', id: 'event-error' }, `${id}: ${err.message}`));
    status.event = id;
    return;
  }
  const e = d.event;
  const dl = el('dl');
  row(dl, 'Date', `${e.event_date} (precision: ${TIME_PRECISION[e.time_precision] || e.time_precision})`);
  row(dl, 'Place', [e.location, e.admin2, e.admin1, e.country].filter(Boolean).join(', '));
  row(dl, 'Precision', `geo_precision ${e.geo_precision}: ${PRECISION[e.geo_precision] || ''}`);
  row(dl, 'Coordinates', `${e.latitude}, ${e.longitude}`);
  row(dl, 'Actor 1', [e.actor1, e.assoc_actor_1 && `with ${e.assoc_actor_1}`, e.inter1 && `(${e.inter1})`].filter(Boolean).join(' '));
  row(dl, 'Actor 2', [e.actor2, e.assoc_actor_2 && `with ${e.assoc_actor_2}`, e.inter2 && `(${e.inter2})`].filter(Boolean).join(' '));
  row(dl, 'Interaction', e.interaction);
  row(dl, 'Fatalities', `${e.fatalities} (codebook: lowest credible report)`);
  row(dl, 'Reports range', `${e.fatalities_low}–${e.fatalities_high}`);
  if (e.claimed_fatalities != null) row(dl, 'Claimed', `${e.claimed_fatalities} by ${e.claimed_by || 'a party'} (not counted)`);
  row(dl, 'Civilians', e.civilian_targeting);
  row(dl, 'Sources', (e.sources || []).join('; ') || '—');
  row(dl, 'Reports', `${e.article_count} article(s), ${e.mention_count} report(s)`);
  const parts = [
    el('h2', {}, `${e.event_type} · ${e.sub_event_type}`),
    el('p', { class: 'notes' }, e.notes),
    dl,
  ];
  let marks = 0;
  for (const r of d.reports) {
    const a = r.article;
    parts.push(el('h3', {}, a.title || a.id));
    parts.push(el('p', { class: 'fields' },
      [a.source, a.published && `published ${a.published}`, a.url].filter(Boolean).join(' · '),
      el('br'), `reported: ${r.mention.event_date} · ${r.mention.sub_event_type} · ${r.mention.location} (precision ${r.mention.geo_precision}) · `
        + (r.mention.gives_toll ? `${r.mention.fatalities} fatalities` : 'no toll given'),
      el('br'), 'evidence for: ' + [...new Set(r.evidence.map(s => s.field))].join(', ')));
    try {
      const art = await getJSON('/api/articles/' + encodeURIComponent(a.id));
      const box = el('div', { class: 'article' });
      box.append(highlight(art.text, r.evidence));
      marks += box.querySelectorAll('mark').length;
      parts.push(box);
    } catch (err) {
      parts.push(el('p', { class: 'hint' }, 'Article text not available: ' + err.message));
    }
  }
  if (d.reports.length === 0) parts.push(el('p', { class: 'hint' }, 'No stored report (a generated event).'));
  if (d.merge_trail.length) {
    parts.push(el('h3', {}, 'Merge trail'));
    parts.push(el('ul', { class: 'trail' }, ...d.merge_trail.map(l => el('li', {}, `${l.mention} ↔ ${l.linked_to}: ${l.summary}`))));
  }
  if (d.revisions.length) {
    parts.push(el('h3', {}, 'Revisions'));
    parts.push(el('ul', { class: 'revisions' }, ...d.revisions.map(r => el('li', {}, `v${r.version} ${r.at} ${r.kind}: ${r.reason}`))));
  }
  panel.replaceChildren(...parts);
  status.event = id;
  status.evidence = marks;
}

// ---- filters
function fillForm() {
  for (const k of FILTERS) form.elements[k].value = state.filters[k] || '';
}

function refresh() {
  downloads();
  return Promise.all([refreshMap(), refreshTimeline()]);
}

form.addEventListener('submit', ev => {
  ev.preventDefault();
  const data = new FormData(form);
  state.filters = {};
  for (const k of FILTERS) { const v = String(data.get(k) || '').trim(); if (v) state.filters[k] = v; }
  // A new filter shows all of its events: the map fits them once more.
  fittedOnce = false;
  writeState(state);
  refresh();
});
document.getElementById('reset').addEventListener('click', () => {
  state.filters = {};
  fillForm();
  writeState(state);
  refresh();
});
window.addEventListener('popstate', () => {
  state = readState();
  fillForm();
  refresh();
});
map.on('moveend', () => {
  const c = map.getCenter();
  state.view = { z: map.getZoom(), lat: c.lat, lon: c.lng };
  writeState(state, true);
  refreshMap();
});

legend();
fillForm();
if (state.view) map.setView([state.view.lat, state.view.lon], state.view.z);
basemap().catch(() => {});
refresh().then(() => { if (state.event) openEvent(state.event); });
