// The article text with the evidence spans highlighted. Spans are offsets in Unicode code points
// (what the API gives); JavaScript strings count UTF-16 units, so the text is split into code
// points first. Overlapping spans are allowed: each run of text is marked with every field on it.
export function highlight(text, spans) {
  const cps = Array.from(text);
  const cuts = new Set([0, cps.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(cps.length, s.start)));
    cuts.add(Math.max(0, Math.min(cps.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    if (a === b) continue;
    const piece = cps.slice(a, b).join('');
    const fields = [...new Set(spans.filter(s => s.start <= a && s.end >= b).map(s => s.field))];
    if (fields.length === 0) {
      frag.append(document.createTextNode(piece));
    } else {
      const m = document.createElement('mark');
      m.className = 'evidence';
      m.dataset.fields = fields.join(' ');
      m.title = fields.join(', ');
      m.textContent = piece;
      frag.append(m);
    }
  }
  return frag;
}
