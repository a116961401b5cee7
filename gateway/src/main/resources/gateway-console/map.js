// The world map: Natural Earth shapes (TopoJSON, shipped under map/) drawn once as SVG paths, then recoloured
// per date by class alone, so moving the date repaints without re-projecting anything.

const WIDTH = 960;
const TOP_LAT = 84;
const BOTTOM_LAT = -58; // Antarctica is left out: no State, and it would take a third of the height.
const SCALE = WIDTH / 360;
const HEIGHT = Math.round((TOP_LAT - BOTTOM_LAT) * SCALE);

let shapesPromise;

/** Shapes by ISO 3166-1 alpha-3 code: {iso3, name, d}. Loaded once per page. */
export function loadShapes() {
  shapesPromise ??= Promise.all([fetchJson('/console/map/countries-110m.json'), fetchJson('/console/map/iso-numeric.json')])
    .then(([topology, alpha3]) => decode(topology, alpha3));
  return shapesPromise;
}

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The map data ${url} answered ${response.status}.`);
  return response.json();
}

function decode(topology, alpha3) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  // Arcs are delta-encoded, quantised positions (TopoJSON specification, "transforms").
  const arcs = topology.arcs.map(arc => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx; y += dy;
      return project(x * sx + tx, y * sy + ty);
    });
  });
  const ring = indexes => {
    const points = [];
    for (const i of indexes) {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    // A ring crossing the antimeridian (Russia, Fiji) jumps across the map: lift the pen there instead of drawing.
    return points.map(([x, y], i) => (i === 0 || Math.abs(x - points[i - 1][0]) > WIDTH / 2 ? 'M' : 'L')
      + x.toFixed(1) + ',' + y.toFixed(1)).join('') + 'Z';
  };
  const shapes = new Map();
  for (const geometry of topology.objects.countries.geometries) {
    const iso3 = alpha3[geometry.id];
    if (!iso3 || geometry.id === '010') continue; // no code (e.g. N. Cyprus, Somaliland), or Antarctica
    const polygons = geometry.type === 'Polygon' ? [geometry.arcs] : geometry.arcs;
    shapes.set(iso3, { iso3, name: geometry.properties.name, d: polygons.map(p => p.map(ring).join('')).join('') });
  }
  return shapes;
}

function project(lon, lat) {
  return [(lon + 180) * SCALE, (TOP_LAT - Math.max(BOTTOM_LAT, Math.min(TOP_LAT, lat))) * SCALE];
}

/** Draws the map into container once; returns a function that colours it for a list of States. */
export function drawMap(container, shapes, onSelect) {
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');
  const paths = new Map();
  for (const shape of shapes.values()) {
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('d', shape.d);
    path.dataset.iso3 = shape.iso3;
    const title = document.createElementNS(svgNs, 'title');
    path.append(title);
    path.addEventListener('click', () => onSelect(shape.iso3));
    svg.append(path);
    paths.set(shape.iso3, { path, title, name: shape.name });
  }
  container.replaceChildren(svg);
  return (states, label, statusText) => {
    const byIso = new Map(states.map(s => [s.iso3, s]));
    for (const [iso3, { path, title, name }] of paths) {
      const state = byIso.get(iso3);
      path.setAttribute('class', 's-' + (state ? state.status : 'NONE'));
      title.textContent = state ? `${state.name}: ${statusText(state.status)}` : `${name}: not on record`;
    }
    svg.setAttribute('aria-label', label);
    return states.filter(s => !paths.has(s.iso3));
  };
}
