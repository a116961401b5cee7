// Two small SVG charts (a line over years, stacked bars per year), each with a text alternative: a handful of
// points needs no chart library (decision 0014).
import { esc } from './html.js';

const W = 640, H = 220, PAD = { l: 56, r: 12, t: 14, b: 28 };
const COLOURS = ['#2166ac', '#b35806', '#1b7837', '#762a83'];
const fmt = v => (Math.abs(v) >= 1e6 ? (v / 1e6).toFixed(1) + 'M' : Math.abs(v) >= 1e3 ? (v / 1e3).toFixed(1) + 'k' : String(Math.round(v * 100) / 100));

function frame(max, labels, title) {
  const x = i => PAD.l + (labels.length === 1 ? (W - PAD.l - PAD.r) / 2 : (i * (W - PAD.l - PAD.r)) / (labels.length - 1));
  const y = v => H - PAD.b - (max ? (v / max) * (H - PAD.t - PAD.b) : 0);
  const grid = [0, 0.5, 1].map(f => `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y(max * f)}" y2="${y(max * f)}" stroke="#ccc"/>
    <text x="${PAD.l - 6}" y="${y(max * f) + 3}" text-anchor="end">${fmt(max * f)}</text>`).join('');
  return { x, y, head: `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${grid}` };
}

/** points: [{x: label, y: number|null}]; a null is drawn as a gap and named in the text, never as zero. */
export function drawLineChart(container, points, title) {
  const known = points.filter(p => p.y != null);
  const max = Math.max(1, ...known.map(p => p.y));
  const { x, y, head } = frame(max, points, title);
  const path = points.map((p, i) => (p.y == null ? null : `${x(i)},${y(p.y)}`));
  const segments = path.reduce((acc, p) => { if (p) acc[acc.length - 1].push(p); else acc.push([]); return acc; }, [[]]).filter(s => s.length);
  container.innerHTML = `${head}
    ${segments.map(s => `<polyline fill="none" stroke="${COLOURS[0]}" stroke-width="2" points="${s.join(' ')}"/>`).join('')}
    ${points.map((p, i) => `<text x="${x(i)}" y="${H - 8}" text-anchor="middle">${esc(p.x)}</text>${p.y == null ? '' : `<circle cx="${x(i)}" cy="${y(p.y)}" r="3.5" fill="${COLOURS[0]}"><title>${esc(p.x)}: ${esc(p.y)}</title></circle>`}`).join('')}
    </svg><p class="note">${esc(title)}: ${points.map(p => `${esc(p.x)} ${p.y == null ? 'no value' : esc(p.y)}`).join('; ')}</p>`;
}

/** bars: [{label, values: [number per series]}], stacked. */
export function drawBarChart(container, bars, series, title) {
  const max = Math.max(1, ...bars.map(b => b.values.reduce((a, v) => a + v, 0)));
  const { y, head } = frame(max, bars, title);
  const slot = (W - PAD.l - PAD.r) / bars.length;
  const rects = bars.map((b, i) => {
    let base = 0;
    return b.values.map((v, s) => {
      const r = `<rect x="${PAD.l + i * slot + slot * 0.15}" width="${slot * 0.7}" y="${y(base + v)}" height="${y(base) - y(base + v)}" fill="${COLOURS[s]}"><title>${esc(b.label)} ${esc(series[s])}: ${v}</title></rect>`;
      base += v;
      return r;
    }).join('') + `<text x="${PAD.l + i * slot + slot / 2}" y="${H - 8}" text-anchor="middle">${esc(b.label)}</text>`;
  }).join('');
  container.innerHTML = `${head}${rects}</svg>
    <p class="legend">${series.map((s, i) => `<span><span class="swatch" style="background:${COLOURS[i]}"></span>${esc(s)}</span>`).join(' ')}</p>
    <p class="note">${esc(title)}: ${bars.map(b => `${esc(b.label)} ${b.values.map((v, s) => `${esc(series[s])} ${v}`).join(', ')}`).join('; ')}</p>`;
}
