// The auditor's console: plain ES modules over the gateway's public API, on the gateway's own origin (decision 0014).
// Every view's state is in the URL hash (#/view/id?asOf=&knownAt=&...), so a view can be shared and reloaded.
import { loadShapes, drawMap } from './map.js';
import { drawLineChart, drawBarChart } from './charts.js';
import { esc } from './html.js';
import { verifyProof } from './verify.js';
import { subscriptionsView } from './subscriptions.js';

const KEY = 'treaty-registry.api-key';
const FIRST_DAY = '1997-12-03'; // the Convention opened for signature (Art. 15)
const DAY_MS = 86400000;
const TIMEOUT_MS = 15000;
const SLOW_MS = 3000;

const STATUS_TEXT = {
  STATE_PARTY: 'State Party',
  WITHDRAWAL_PENDING: 'State Party, withdrawal pending',
  AWAITING_ENTRY_INTO_FORCE: 'awaiting entry into force',
  SIGNATORY: 'signatory, not party',
  WITHDRAWN: 'withdrawn',
  NOT_SIGNED: 'neither signed nor bound',
};
const statusText = status => STATUS_TEXT[status] ?? status;

const $ = selector => document.querySelector(selector);
const today = () => new Date().toISOString().slice(0, 10);
const dayIndex = date => Math.round((Date.parse(date + 'T00:00:00Z') - Date.parse(FIRST_DAY + 'T00:00:00Z')) / DAY_MS);
const dateOfIndex = index => new Date(Date.parse(FIRST_DAY + 'T00:00:00Z') + index * DAY_MS).toISOString().slice(0, 10);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

// ---------------------------------------------------------------------------------------------------------------
// The API: the key in X-API-Key, a timeout, and a message a person can act on for every failure.

/** A failed call: the message for the user, the HTTP status (0: none) and the problem's title and detail (RFC 9457). */
class ApiError extends Error {
  constructor(message, status, { title = '', detail = '' } = {}) { super(message); this.status = status; this.title = title; this.detail = detail; }
}

const cache = new Map();

/** An API answer as JSON; kept for the page's life unless cached is false (a date's answer does not change). */
async function api(path, { cached = true } = {}) {
  if (cached && cache.has(path)) return cache.get(path);
  const pending = request(path);
  if (cached) {
    cache.set(path, pending);
    pending.catch(() => cache.delete(path));
  }
  return pending;
}

/** A call with a JSON body if one is given; a 204 answers null. */
async function request(path, { method = 'GET', as = 'json', body } = {}) {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
  busy.start();
  let response;
  try {
    const headers = { 'X-API-Key': sessionStorage.getItem(KEY) ?? '', Accept: as === 'json' ? 'application/json' : 'text/plain' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal });
  } catch (e) {
    throw new ApiError(e.name === 'AbortError'
      ? `The API did not answer within ${TIMEOUT_MS / 1000} seconds (${path}). It may be overloaded or starting; try again in a moment.`
      : `The API cannot be reached (${path}): the gateway may be down or the network interrupted. Try again when it is back.`, 0);
  } finally {
    clearTimeout(timeout);
    busy.stop();
  }
  if (!response.ok) {
    let problem = {};
    try { problem = (await response.json()) ?? {}; } catch { /* not a problem detail */ }
    const title = problem.title ?? '', detail = problem.detail ?? '';
    throw new ApiError(failure(response.status, detail, title), response.status, { title, detail });
  }
  if (response.status === 204) return null;
  return as === 'json' ? response.json() : response.text();
}

function failure(status, detail, title = '') {
  if (status === 401) return 'The gateway does not know this API key. Check that you copied it whole, or ask an operator for a key.';
  if (status === 403) return 'This key may not read the record: the console needs an auditor or operator key. ' + detail;
  if (status === 502 || status === 503 || status === 504) return `The service behind the gateway is unavailable (${status}): ${detail || 'try again in a moment.'}`;
  return `The API answered ${status}${title ? ` (${title})` : ''}: ${detail || 'no detail given.'}`;
}

/** "Loading" after a short wait, "the API is slow" after a longer one, so a slow API never leaves a blank page. */
const busy = {
  count: 0, timers: [],
  start() {
    if (this.count++ === 0) {
      this.timers = [setTimeout(() => this.say('Loading…'), 300),
        setTimeout(() => this.say(`The API is slow: still waiting after ${SLOW_MS / 1000} seconds…`), SLOW_MS)];
    }
  },
  stop() {
    if (--this.count === 0) { this.timers.forEach(clearTimeout); this.say(''); }
  },
  say(text) { $('#busy').textContent = text; },
};

function showAlert(error) {
  const alert = $('#alert');
  if (!error) { alert.hidden = true; alert.textContent = ''; return; }
  alert.textContent = error.message ?? String(error);
  alert.hidden = false;
}

/** Runs a view's loading; an expired or wrong key sends the user back to sign in, anything else is shown. */
async function guarded(work) {
  try {
    await work();
    showAlert(null);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      signOut(e.message);
    } else {
      showAlert(e);
      console.error(e);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The URL: #/view/id?params. Changing a control rewrites it; the hashchange renders.

function route() {
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const [, view = 'states', id = ''] = path.split('/');
  return { view, id: decodeURIComponent(id), params: new URLSearchParams(query ?? '') };
}

function hashOf(view, id, params) {
  const query = [...params].filter(([, v]) => v !== '' && v != null).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `#/${view}${id ? '/' + encodeURIComponent(id) : ''}${query ? '?' + query : ''}`;
}

/** Sets some parameters of the current view; replace keeps the history clean while a slider moves. */
function setParams(changes, replace = false) {
  const { view, id, params } = route();
  Object.entries(changes).forEach(([k, v]) => (v === '' || v == null ? params.delete(k) : params.set(k, v)));
  const hash = hashOf(view, id, params);
  if (replace) {
    history.replaceState(null, '', hash);
    render();
  } else {
    location.hash = hash;
  }
}

/** The link to a view, keeping the date and known-at instant. */
function linkTo(view, id = '', extra = {}) {
  const { params } = route();
  const kept = new URLSearchParams();
  ['asOf', 'knownAt'].forEach(k => params.get(k) && kept.set(k, params.get(k)));
  Object.entries(extra).forEach(([k, v]) => kept.set(k, v));
  return hashOf(view, id, kept);
}

function when() {
  const { params } = route();
  const asOf = ISO_DATE.test(params.get('asOf') ?? '') ? params.get('asOf') : today();
  const knownAt = ISO_INSTANT.test(params.get('knownAt') ?? '') ? params.get('knownAt') : '';
  return { asOf, knownAt, query: `asOf=${asOf}${knownAt ? '&knownAt=' + encodeURIComponent(knownAt) : ''}` };
}

// ---------------------------------------------------------------------------------------------------------------
// Sign in and out.

function signedIn() { return !!sessionStorage.getItem(KEY); }

function signOut(message) {
  sessionStorage.removeItem(KEY);
  cache.clear();
  showAlert(null);
  render();
  const error = $('#sign-in-error');
  error.textContent = message ?? '';
  error.hidden = !message;
  if (message) $('#api-key').focus();
}

async function signIn(event) {
  event.preventDefault();
  const key = $('#api-key').value.trim();
  sessionStorage.setItem(KEY, key);
  cache.clear();
  try {
    // A small read every auditor and operator may make; it tells a wrong key (401) from a wrong role (403).
    await api('/api/registry/meetings', { cached: false });
    $('#api-key').value = '';
    $('#sign-in-error').hidden = true;
    current = null;
    render();
  } catch (e) {
    sessionStorage.removeItem(KEY);
    $('#sign-in-error').textContent = e.message;
    $('#sign-in-error').hidden = false;
    $('#api-key').focus();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The date controls, shared by every view.

function setUpWhen() {
  const slider = $('#as-of-slider');
  const input = $('#as-of');
  let debounce;
  slider.addEventListener('input', () => {
    input.value = dateOfIndex(Number(slider.value));
    clearTimeout(debounce);
    debounce = setTimeout(() => setParams({ asOf: input.value }, true), 80);
  });
  slider.addEventListener('change', () => setParams({ asOf: dateOfIndex(Number(slider.value)) }));
  input.addEventListener('change', () => {
    if (ISO_DATE.test(input.value) && input.value >= FIRST_DAY) setParams({ asOf: input.value });
  });
  input.addEventListener('blur', showWhen);
  const knownAt = $('#known-at');
  knownAt.addEventListener('change', () => {
    const value = knownAt.value.trim();
    if (value === '' || ISO_INSTANT.test(value)) {
      knownAt.removeAttribute('aria-invalid');
      $('#known-at-help').textContent = 'the record as it stood at that instant';
      setParams({ knownAt: value });
    } else {
      knownAt.setAttribute('aria-invalid', 'true');
      $('#known-at-help').textContent = 'Write an instant in UTC, e.g. 2026-07-01T10:30:00Z';
    }
  });
  $('#known-at-now').addEventListener('click', () => { knownAt.value = ''; setParams({ knownAt: '' }); });
}

function showWhen() {
  const { asOf, knownAt } = when();
  const max = today();
  // Attributes only when they change: resetting max on a focused date field disturbs Chrome's typing in it.
  if ($('#as-of').max !== max) $('#as-of').max = max;
  if ($('#as-of-slider').max !== String(dayIndex(max))) $('#as-of-slider').max = String(dayIndex(max));
  // Not while someone types in it: a render caused by the day typed would overwrite the year being typed.
  if (document.activeElement !== $('#as-of') && $('#as-of').value !== asOf) $('#as-of').value = asOf;
  $('#as-of-slider').value = String(dayIndex(asOf));
  $('#as-of-slider').setAttribute('aria-valuetext', asOf);
  if (document.activeElement !== $('#known-at')) $('#known-at').value = knownAt;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering of dates and of the Convention's facts.

const PRECISION_NOTE = { MONTH: 'known to the month', YEAR: 'known to the year' };

/** A date as the record gives it: a day, a month or a year (said so), or a meeting's code where the sources name only the meeting. */
function dateText(value, precision) {
  if (!value) return '';
  if (!/^\d{4}(-\d{2}){0,2}$/.test(value)) return `at ${esc(value)}`;
  const note = PRECISION_NOTE[precision] ?? (value.length === 7 ? PRECISION_NOTE.MONTH : value.length === 4 ? PRECISION_NOTE.YEAR : '');
  return note ? `${esc(value)} <span class="note">(${note})</span>` : esc(value);
}

function instrumentText(s) {
  if (!s.instrumentType) return s.signatureDate ? `signed ${esc(s.signatureDate)}` : '<span class="note">none on record</span>';
  return `${esc(s.instrumentType.toLowerCase())} ${dateText(s.instrumentDate, s.instrumentDatePrecision)}`;
}

function article4Text(s, asOf, brief = false) {
  const a4 = s.article4;
  if (!a4) return '<span class="note">not bound</span>';
  switch (a4.state) {
    case 'COMPLETED': return `${esc(a4.deadline)}; completed ${esc(a4.completedOn)}`;
    case 'COMPLETED_AFTER_DEADLINE': return `${esc(a4.deadline)}; <span class="overdue-mark">completed late</span>, ${esc(a4.completedOn)}`;
    case 'NO_COMPLETION_RECORDED': return a4.deadline < asOf
      ? `${esc(a4.deadline)}; <span class="note">passed, no completion on record${brief ? '' : ' (not a finding: the obligation binds only States that held stockpiles, and the registry does not record stockpiles)'}</span>`
      : esc(a4.deadline);
    default: return esc(a4.deadline);
  }
}

function article5Text(s) {
  const a5 = s.article5;
  if (!a5) return '<span class="note">no Art. 5 obligation on record</span>';
  const extensions = a5.extensions ? `; ${a5.extensions} extension${a5.extensions > 1 ? 's' : ''}` : '';
  const conflicts = a5.conflicts?.length ? ' <span class="flag">sources disagree</span>' : '';
  if (a5.state === 'COMPLETED') return `completed ${dateText(a5.completedOn)}${extensions}`;
  if (a5.deadline == null) {
    const why = a5.state === 'REOPENED' ? 'reopened after the deadline; no new deadline decided' : 'a grant on record gives no new deadline';
    return `<span class="note">deadline unknown: ${why}</span>${extensions}${conflicts}`;
  }
  const reopened = a5.state === 'REOPENED' ? ` (reopened ${esc(a5.reopenedOn)})` : '';
  const overdue = a5.overdue ? ' <span class="overdue-mark">overdue</span>' : '';
  return `${esc(a5.deadline)}${overdue}${reopened}${extensions}${conflicts}`;
}

/** The rule that gave the status on the date, in the Convention's words. */
function ruleText(s) {
  const force = s.entryIntoForce ? `in force ${s.entryIntoForce}, Art. 17${s.provisionalApplication ? ' (applied provisionally, Art. 18)' : ''}` : '';
  const w = s.withdrawal;
  switch (s.status) {
    case 'STATE_PARTY': return force;
    case 'AWAITING_ENTRY_INTO_FORCE': return `${(s.instrumentType ?? 'instrument').toLowerCase()} deposited ${s.instrumentDate} (Art. 16); ${force.replace('in force', 'enters into force')}`;
    case 'WITHDRAWAL_PENDING': return `${force}; withdrawal notified ${w?.noticeReceived ?? ''}: ${w?.explanation ?? (w?.effectiveDate ? `takes effect ${w.effectiveDate} (Art. 20.2)` : '')}`;
    case 'WITHDRAWN': return `withdrawal took effect ${w?.effectiveDate ?? ''} (Art. 20.2)${w?.explanation ? '; ' + w.explanation : ''}`;
    case 'SIGNATORY': return `signed ${s.signatureDate ?? ''} (Art. 15); no instrument of ratification deposited by this date`;
    default: return 'nothing on record binds the State or shows its signature by this date';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// View: the States on a date.

const statesOn = ({ query }) => api(`/api/registry/states?${query}`);

const CSV_COLUMNS = [
  ['iso3', s => s.iso3], ['name', s => s.name], ['status', s => s.status],
  ['instrument_type', s => s.instrumentType], ['instrument_date', s => s.instrumentDate],
  ['entry_into_force', s => s.entryIntoForce], ['article4_deadline', s => s.article4?.deadline],
  ['article4_state', s => s.article4?.state], ['article5_deadline', s => s.article5?.deadline],
  ['article5_state', s => s.article5?.state], ['article5_overdue', s => (s.article5 ? String(s.article5.overdue) : '')],
];

function csvOf(rows) {
  const cell = v => (v == null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [CSV_COLUMNS.map(([name]) => name).join(','), ...rows.map(s => CSV_COLUMNS.map(([, get]) => cell(get(s))).join(','))].join('\n') + '\n';
}

/** The table's columns and how each sorts; empty values last. */
const SORTS = {
  name: ['State', s => s.name], status: ['Status', s => statusText(s.status)], instrument: ['Instrument', s => s.instrumentDate],
  eif: ['Entry into force', s => s.entryIntoForce], art4: ['Art. 4 deadline', s => s.article4?.deadline],
  art5: ['Art. 5 deadline', s => s.article5?.deadline],
};

function sorted(states, sort) {
  const key = (sort ?? 'name').replace(/^-/, '');
  const get = (SORTS[key] ?? SORTS.name)[1];
  const sign = sort?.startsWith('-') ? -1 : 1;
  return [...states].sort((a, b) => {
    const x = get(a) ?? '', y = get(b) ?? '';
    if (!x || !y) return x ? -1 : y ? 1 : 0;
    return sign * x.localeCompare(y);
  });
}

function shownStates(states, params) {
  const q = (params.get('q') ?? '').trim().toLowerCase();
  const status = params.get('status') ?? '';
  const overdue = params.get('overdue') === '1';
  return states.filter(s => (!q || s.name.toLowerCase().includes(q) || s.iso3.toLowerCase() === q)
    && (!status || s.status === status || (status === 'PARTIES' && (s.status === 'STATE_PARTY' || s.status === 'WITHDRAWAL_PENDING')))
    && (!overdue || s.article5?.overdue));
}

const statesView = {
  mount(main) {
    main.innerHTML = `
      <h2 id="states-title">The States on <span id="states-date"></span></h2>
      <ul class="counts" id="counts" aria-label="Counts on the date"></ul>
      <div class="layout two">
        <div>
          <div class="filters" role="search">
            <div><label for="q">Search a State (name or ISO code)</label><input id="q" type="search"></div>
            <div><label for="status-filter">Status</label>
              <select id="status-filter">
                <option value="">every status</option><option value="PARTIES">States Parties (incl. withdrawal pending)</option>
                ${Object.entries(STATUS_TEXT).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join('')}
              </select></div>
            <div class="check"><input id="overdue-filter" type="checkbox"><label for="overdue-filter">only Art. 5 overdue</label></div>
            <button type="button" id="csv">Download CSV of what is shown</button>
          </div>
          <p id="shown" aria-live="polite"></p>
          <div class="table-wrap"><table aria-labelledby="states-title">
            <thead><tr>${Object.entries(SORTS).map(([key, [label]]) => `<th scope="col" data-sort="${key}"><button type="button" class="link">${label}</button></th>`).join('')}</tr></thead>
            <tbody id="states-rows"></tbody></table></div>
          <p class="note">Art. 4: a deadline passed with no completion on record is not a finding; the obligation binds only
            States that held stockpiles, and the registry does not record stockpiles. Rows in red: Art. 5 deadline passed without completion.</p>
        </div>
        <div class="map">
          <h3>Map on the date</h3>
          <ul class="legend" id="legend"></ul>
          <div id="map"><p class="note">Drawing the map…</p></div>
          <p id="unmapped" class="note"></p>
        </div>
      </div>`;
    $('#q').addEventListener('input', () => setParams({ q: $('#q').value }, true));
    $('#status-filter').addEventListener('change', () => setParams({ status: $('#status-filter').value }, true));
    $('#overdue-filter').addEventListener('change', () => setParams({ overdue: $('#overdue-filter').checked ? '1' : '' }, true));
    $('#csv').addEventListener('click', () => this.download());
    document.querySelectorAll('th[data-sort] button').forEach(b => b.addEventListener('click', () => {
      const key = b.parentElement.dataset.sort;
      const { params } = route();
      setParams({ sort: params.get('sort') === key ? '-' + key : key }, true);
    }));
    this.colour = null;
    loadShapes()
      .then(shapes => { this.colour = drawMap($('#map'), shapes, iso3 => { location.hash = linkTo('state', iso3); }); this.paintMap(); })
      .catch(e => { $('#map').innerHTML = `<p class="error">The map could not be drawn: ${esc(e.message)}. The table has every State.</p>`; });
  },

  async update({ params }) {
    const started = performance.now();
    const w = when();
    if ($('#q').value !== (params.get('q') ?? '')) $('#q').value = params.get('q') ?? '';
    $('#status-filter').value = params.get('status') ?? '';
    $('#overdue-filter').checked = params.get('overdue') === '1';
    const states = await statesOn(w);
    if (when().query !== w.query) return; // the date moved on while this answer travelled
    // The heading names the date only with that date's answer, so it never labels another date's numbers.
    $('#states-date').textContent = w.asOf + (w.knownAt ? `, as known at ${w.knownAt}` : '');
    this.states = states;
    this.shown = sorted(shownStates(states, params), params.get('sort'));
    const sort = params.get('sort') ?? 'name';
    document.querySelectorAll('th[data-sort]').forEach(th => th.setAttribute('aria-sort',
      th.dataset.sort === sort.replace(/^-/, '') ? (sort.startsWith('-') ? 'descending' : 'ascending') : 'none'));
    this.when = w;
    this.paintCounts(states);
    this.paintTable(this.shown, w.asOf);
    this.paintMap();
    // From the date's change to every State drawn, request included; read by the browser tests, never asserted.
    performance.measure('states-drawn', { start: started });
  },

  paintCounts(states) {
    const count = (...statuses) => states.filter(s => statuses.includes(s.status)).length;
    const counts = [
      ['count-parties', 'States Parties (incl. withdrawal pending)', count('STATE_PARTY', 'WITHDRAWAL_PENDING')],
      ['count-signatories', 'signatories not party', count('SIGNATORY')],
      ['count-awaiting', 'awaiting entry into force', count('AWAITING_ENTRY_INTO_FORCE')],
      ['count-withdrawn', 'withdrawn', count('WITHDRAWN')],
      ['count-pending', 'withdrawal pending', count('WITHDRAWAL_PENDING')],
      ['count-none', 'on record, neither signed nor bound yet', count('NOT_SIGNED')],
    ];
    $('#counts').innerHTML = counts.map(([id, label, n]) => `<li id="${id}"><strong>${n}</strong> ${label}</li>`).join('');
    $('#legend').innerHTML = Object.keys(STATUS_TEXT).filter(k => k !== 'NOT_SIGNED')
      .map(k => `<li><span class="swatch s-${k}"></span>${esc(statusText(k))}</li>`).join('')
      + '<li><span class="swatch s-NONE"></span>not signed, or not on record</li>';
  },

  paintTable(rows, asOf) {
    $('#shown').textContent = `${rows.length} of ${this.states.length} States on record shown.`;
    $('#states-rows').innerHTML = rows.map(s => `
      <tr class="${s.article5?.overdue ? 'overdue' : ''}" data-iso3="${esc(s.iso3)}">
        <td><a href="${linkTo('state', s.iso3)}">${esc(s.name)}</a> <span class="note">${esc(s.iso3)}</span></td>
        <td class="status"><span class="swatch s-${esc(s.status)}"></span>${esc(statusText(s.status))}</td>
        <td>${instrumentText(s)}</td><td>${esc(s.entryIntoForce ?? '')}</td>
        <td>${article4Text(s, asOf, true)}</td><td>${article5Text(s)}</td></tr>`).join('');
  },

  paintMap() {
    if (!this.colour || !this.states) return;
    const parties = this.states.filter(s => s.status === 'STATE_PARTY' || s.status === 'WITHDRAWAL_PENDING').length;
    const unmapped = this.colour(this.states, `World map of the States by status on ${this.when.asOf}: ${parties} States Parties. The table lists every State.`, statusText);
    $('#unmapped').textContent = unmapped.length
      ? `Too small for the map at this scale (see the table): ${unmapped.map(s => s.name).join(', ')}.` : '';
  },

  download() {
    if (!this.shown) return;
    const blob = new Blob([csvOf(this.shown)], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `states-as-of-${this.when.asOf}${this.when.knownAt ? '-known-at-' + this.when.knownAt.replace(/[:.]/g, '') : ''}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// View: one State.

const HUMAN_TYPE = type => type.replace(/([a-z])([A-Z])/g, '$1 $2');
const HIDDEN_FIELDS = new Set(['iso3', 'stateName', 'sourceReference', 'sourceConflict', 'retractedEventId', 'reason']);
/** The fact a correction retracts (the corrected fact's replacement is recorded with the retraction). */
const retracted = e => (e.type === 'FactRetracted' ? e.data?.retractedEventId : null);

/** What the record itself says is uncertain or incomplete about a fact. */
function flagsOf(event) {
  const d = event.data ?? {};
  const flags = [];
  if (d.sourceConflict) flags.push(`sources disagree: ${d.sourceConflict}`);
  if (event.type === 'TreatySigned' && !d.signatureDate) flags.push(`signature date not on record; signed by ${d.signedBy}`);
  if (event.type === 'ExtensionDecided' && d.granted && !d.newDeadline) flags.push('granted without a new deadline on record: the deadline in force is unknown');
  if (event.type === 'ExtensionDecided' && !d.requestId) flags.push('request not on record');
  for (const [k, v] of Object.entries(d)) {
    if (typeof v === 'string' && /^\d{4}(-\d{2})?$/.test(v) && !/Id$/.test(k)) flags.push(`${k} ${v} is ${v.length === 4 ? 'known to the year' : 'known to the month'}`);
  }
  return flags;
}

function fieldsOf(event) {
  return Object.entries(event.data ?? {}).filter(([k, v]) => !HIDDEN_FIELDS.has(k) && v !== null && v !== '')
    .map(([k, v]) => `${esc(k)}: ${esc(typeof v === 'object' ? JSON.stringify(v) : v)}`).join('; ');
}

const STATE_FIELDS = [
  ['status', s => statusText(s.status)], ['signature', s => s.signatureDate], ['instrument', s => s.instrumentType && `${s.instrumentType} ${s.instrumentDate}`],
  ['entry into force', s => s.entryIntoForce], ['Art. 4 deadline', s => s.article4?.deadline], ['Art. 4', s => s.article4?.state],
  ['Art. 5 deadline', s => s.article5?.deadline], ['Art. 5', s => s.article5?.state], ['Art. 5 extensions', s => s.article5?.extensions],
  ['withdrawal takes effect', s => s.withdrawal?.effectiveDate], ['withdrawal', s => s.withdrawal?.explanation],
];

const stateView = {
  mount(main) { main.innerHTML = '<div id="state-page"><p class="note">Loading the State…</p></div>'; },

  async update({ id, params }) {
    const iso3 = id.toUpperCase();
    const w = when();
    const [state, history, now, meetings] = await Promise.all([
      api(`/api/registry/states/${encodeURIComponent(iso3)}?${w.query}`),
      api(`/api/registry/states/${encodeURIComponent(iso3)}/history`, { cached: false }),
      w.knownAt ? api(`/api/registry/states/${encodeURIComponent(iso3)}?asOf=${w.asOf}`) : null,
      api('/api/registry/meetings'),
    ]);
    const meeting = new Map(meetings.map(m => [m.code, m]));
    if (when().query !== w.query || route().id.toUpperCase() !== iso3) return;
    document.title = `${state.name}: Treaty Registry`;
    // Compared as instants: "…:44.082Z" sorts before "…:44Z" as text, yet was recorded after it.
    const knownAtMs = Date.parse(w.knownAt);
    const known = e => !w.knownAt || Date.parse(e.recordedAt) <= knownAtMs;
    const changes = now ? STATE_FIELDS.filter(([, get]) => String(get(state) ?? '') !== String(get(now) ?? '')) : [];
    const later = history.filter(e => !known(e));
    $('#state-page').innerHTML = `
      <p><a href="${linkTo('states')}">← all States</a></p>
      <h2>${esc(state.name)} <span class="note">${esc(state.iso3)}</span></h2>
      <p class="rule" id="status-rule"><strong id="state-status">${esc(statusText(state.status))}</strong> on ${esc(w.asOf)}${w.knownAt ? `, as the record stood at ${esc(w.knownAt)}` : ''}: <span id="rule">${esc(ruleText(state))}</span></p>
      ${w.knownAt ? `<div class="changes" id="changes"><p><strong>What changed since ${esc(w.knownAt)}</strong> (the record now, for the same date):</p>
        ${changes.length ? `<ul>${changes.map(([label, get]) => `<li>${esc(label)}: <span class="old">${esc(get(state) ?? '—')}</span> → <span class="new">${esc(get(now) ?? '—')}</span></li>`).join('')}</ul>` : '<p>nothing for this date.</p>'}
        <p>${later.length} fact${later.length === 1 ? '' : 's'} recorded since, shown greyed below.</p></div>` : ''}
      <dl class="facts">
        <dt>Instrument</dt><dd>${instrumentText(state)}</dd>
        <dt>Entry into force</dt><dd id="entry-into-force">${esc(state.entryIntoForce ?? '—')}</dd>
        <dt>Art. 4 (stockpiles)</dt><dd>${article4Text(state, w.asOf)}</dd>
        <dt>Art. 5 (mined areas)</dt><dd>${article5Text(state)}${state.article5?.decidingMeetings?.length ? `; decided at ${esc(state.article5.decidingMeetings.join(', '))}` : ''}</dd>
        ${state.article5?.conflicts?.length ? `<dt>Source conflicts</dt><dd>${state.article5.conflicts.map(c => `<span class="flag">${esc(typeof c === 'string' ? c : JSON.stringify(c))}</span>`).join(' ')}</dd>` : ''}
        ${state.withdrawal ? `<dt>Withdrawal</dt><dd id="withdrawal">notice ${dateText(state.withdrawal.noticeReceived, state.withdrawal.noticePrecision)}; ${esc(state.withdrawal.explanation ?? (state.withdrawal.effectiveDate ? 'takes effect ' + state.withdrawal.effectiveDate : ''))}${state.withdrawal.revokedOn ? `; revoked ${esc(state.withdrawal.revokedOn)}` : ''}</dd>` : ''}
      </dl>
      <h3>Facts on a time axis</h3>
      <p class="legend"><span><span class="swatch dot-key"></span>registry fact</span> <span><span class="swatch dot-key correction"></span>correction</span>
        <span><span class="swatch dot-key report"></span>report or stockpile fact</span> <span><span class="swatch dot-key later"></span>recorded after the known-at instant</span></p>
      <div id="axis"></div>
      <h3 id="events-title">Facts on record (${history.length}), in recording order</h3>
      <ol class="events" aria-labelledby="events-title">${history.map(e => eventItem(e, history, known, meeting)).join('')}</ol>
      <h3>Reports, compliance and land release</h3>
      <div id="state-reporting"><p class="note">Loading reporting…</p></div>`;
    const marks = history.filter(e => e.effectiveDate).map(e => ({ date: e.effectiveDate, label: HUMAN_TYPE(e.type), target: 'ev-' + e.eventId,
      kind: `${retracted(e) ? 'correction' : ''} ${known(e) ? '' : 'later'}` }));
    drawAxis(marks, w);
    // A link from elsewhere (an indicator's drill-down) names the fact to show.
    if (params.get('event')) goTo('ev-' + params.get('event'));
    stateReporting(iso3, w)
      .then(more => more && drawAxis(marks.concat(more), w))
      .catch(e => { $('#state-reporting').innerHTML = `<p class="error">${esc(e.message)}</p>`; });
  },
};

function goTo(id) {
  const target = document.getElementById(id);
  if (!target) return;
  document.querySelectorAll('.picked').forEach(e => e.classList.remove('picked'));
  target.classList.add('picked');
  target.scrollIntoView({ block: 'center' });
  target.focus();
}

/** Each fact as a button at its effective date; the dashed line is the date asked about. */
function drawAxis(marks, w) {
  const start = Date.parse(FIRST_DAY), end = Date.parse(today());
  const at = date => Math.max(0, Math.min(100, ((Date.parse(date) - start) / (end - start)) * 100));
  const ticks = [];
  for (let y = 2000; y <= Number(today().slice(0, 4)); y += 5) ticks.push(`<span class="tick" style="left:${at(`${y}-01-01`)}%">${y}</span>`);
  // Facts on (nearly) the same date are stacked, so none hides another.
  const stacks = new Map();
  const dots = [...marks].sort((a, b) => a.date.localeCompare(b.date)).map(m => {
    const slot = Math.round(at(m.date) * 2);
    const level = stacks.get(slot) ?? 0;
    stacks.set(slot, level + 1);
    return `<button type="button" class="dot ${m.kind}" style="left:${at(m.date)}%; bottom:${level - 0.45}rem" data-goto="${esc(m.target)}"
      aria-label="${esc(m.label)}, ${esc(m.date)}" title="${esc(m.label)}, ${esc(m.date)}"></button>`;
  }).join('');
  const axis = $('#axis');
  axis.className = 'axis';
  axis.style.height = `${Math.max(3.2, Math.max(0, ...stacks.values()) + 1)}rem`;
  axis.setAttribute('aria-label', `${marks.length} facts at their effective dates; the dashed line is ${w.asOf}`);
  axis.innerHTML = `${ticks.join('')}<span class="asof" style="left:${at(w.asOf)}%"></span>${dots}`;
}

function eventItem(e, history, known, meeting) {
  const held = e.data?.meeting && meeting.get(e.data.meeting);
  const correcting = history.find(other => retracted(other) === e.eventId);
  const flags = flagsOf(e);
  return `<li id="ev-${esc(e.eventId)}" tabindex="-1" class="${known(e) ? '' : 'later'}" data-type="${esc(e.type)}">
    <strong>${esc(HUMAN_TYPE(e.type))}</strong>, effective ${esc(e.effectiveDate ?? '—')}${known(e) ? '' : ' <span class="flag">recorded after the chosen known-at instant</span>'}
    <div>${fieldsOf(e)}</div>
    ${held ? `<div>${esc(e.data.meeting)}: ${esc(held.name)}, ${esc(held.city)}, ${esc(held.startDate)} to ${esc(held.endDate)}</div>` : ''}
    ${flags.map(f => `<span class="flag">${esc(f)}</span>`).join(' ')}
    ${retracted(e) ? `<div class="correction">retracts <button type="button" class="link" data-goto="ev-${esc(retracted(e))}">an earlier fact</button> because ${esc(e.data.reason ?? 'no reason given')}; the fact recorded with it replaces it</div>` : ''}
    ${e.correctedBecause ? `<div class="corrected"><span class="flag">corrected later</span> because ${esc(e.correctedBecause)}${correcting ? ` (<button type="button" class="link" data-goto="ev-${esc(correcting.eventId)}">the correction</button>)` : ''}</div>` : ''}
    <div class="prov">source: ${esc(e.data?.sourceReference ?? 'none given')} · posted by ${esc(e.principal)} · recorded ${esc(e.recordedAt)} · event ${esc(e.eventId)}
      · ${logEntry('registry', e)}</div></li>`;
}

/** A fact's place in its service's transparency log, and the actions that check it (see verifyFact). */
function logEntry(service, e) {
  if (e.logIndex === null || e.logIndex === undefined) return '<span class="note">not in the transparency log yet</span>';
  return `log entry ${esc(e.logIndex)} <button type="button" class="link" data-verify="${esc(e.eventId)}" data-service="${esc(service)}" data-date="${esc(e.effectiveDate ?? e.date ?? '')}">verify</button>
    <button type="button" class="link" data-proof="${esc(e.eventId)}" data-service="${esc(service)}">download proof</button>
    <span class="verified" id="vf-${esc(e.eventId)}" role="status"></span>`;
}

/**
 * Checks in this browser that the fact is in the service's latest signed checkpoint: its proof bundle as the record
 * gives it now, against the verifier key the service states (compare it with the one the operator published).
 */
async function verifyFact(service, eventId, shownDate) {
  const out = $(`#vf-${CSS.escape(eventId)}`);
  out.textContent = 'checking…';
  const [bundle, log] = await Promise.all([
    request(`/api/${service}/log/proofs/${encodeURIComponent(eventId)}`, { as: 'text' }),
    api(`/api/${service}/log`, { cached: false })]);
  try {
    const result = await verifyProof(bundle, log.verifierKey);
    // The proof is of the store; the page shows a view of it: both must be of this fact, on this date.
    const leaf = JSON.parse(result.entry);
    if (leaf.id !== eventId) throw new Error(`the signed leaf is of event ${leaf.id}, not of the fact shown`);
    if (shownDate && leaf.legaltime && leaf.legaltime !== shownDate) {
      throw new Error(`the page shows the date ${shownDate}, the signed record ${leaf.legaltime}`);
    }
    out.className = 'verified ok';
    out.textContent = `verified in this browser: ${result.steps.join('; ')}. Key: ${log.verifierKey}`;
  } catch (e) {
    out.className = 'verified failed';
    out.textContent = `NOT verified: ${e.message}. The record may have been altered; tell an operator.`;
  }
}

/** The proof bundle as a file, for ./verify on any machine. */
async function downloadProof(service, eventId) {
  const bundle = await request(`/api/${service}/log/proofs/${encodeURIComponent(eventId)}`, { as: 'text' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bundle], { type: 'text/plain' }));
  link.download = `${eventId}.tlog-proof`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function stateReporting(iso3, w) {
  const [reports, flags, contamination, stockpile, stated] = await Promise.all([
    api(`/api/reporting/reports?state=${iso3}&${w.query}`),
    api(`/api/reporting/compliance?state=${iso3}&${w.query}`),
    api(`/api/reporting/states/${iso3}/contamination?${w.query}`),
    api(`/api/reporting/states/${iso3}/stockpile?${w.query}`),
    api(`/api/reporting/land-release-figures?state=${iso3}&${w.query}`),
  ]);
  if (route().id.toUpperCase() !== iso3 || when().query !== w.query) return null;
  const submitted = reports.filter(r => r.receivedOn).length;
  const listed = new Set([...reports.filter(r => r.reportEventId).map(r => 'rep-' + r.reportEventId), ...stockpile.history.map(f => 'stock-' + f.eventId)]);
  const target = $('#state-reporting');
  target.innerHTML = `
    <p>${reports.length} Article 7 report${reports.length === 1 ? '' : 's'} owed or sent; ${submitted} submission${submitted === 1 ? '' : 's'} on record.
      ${submitted === 0 && reports.length ? '<span class="flag">No report of this State is on record here: "not on record" means none recorded, not necessarily none sent.</span>' : ''}</p>
    ${reportTable(reports)}
    <h3>Compliance flags (${flags.length})</h3>
    ${flags.length ? `<ul>${flags.map(f => `<li><strong>${esc(f.rule)}</strong>: ${esc(f.reason)} <span class="note">rests on ${f.eventIds.map(e => restsOn(e, listed)).join(', ')}</span></li>`).join('')}</ul>` : '<p class="note">none</p>'}
    <h3>Stockpile (Art. 4)</h3>${stockpileText(stockpile)}
    <h3>Land release (Action 22), from hazardous areas on record</h3><div id="land-release" class="chart"></div>
    <h3>Land release as the sources state it</h3><div id="stated-figures"></div>`;
  landRelease($('#land-release'), contamination);
  statedFigures($('#stated-figures'), stated);
  return [
    ...reports.filter(r => r.receivedOn).map(r => ({ date: r.receivedOn, label: `Article 7 report (${r.period}) received`, target: 'rep-' + r.reportEventId, kind: 'report' })),
    ...stockpile.history.map(f => ({ date: f.date, label: HUMAN_TYPE(f.fact), target: 'stock-' + f.eventId, kind: 'report' })),
  ];
}

/** An event a flag rests on: a button to it where this page lists it (a registry fact, a report, a stockpile fact). */
function restsOn(eventId, listed) {
  const id = ['ev-', 'rep-', 'stock-'].map(prefix => prefix + eventId).find(candidate => listed.has(candidate) || document.getElementById(candidate));
  return id ? `<button type="button" class="link" data-goto="${esc(id)}">${esc(eventId)}</button>` : esc(eventId);
}

function stockpileText(stockpile) {
  if (!stockpile.history.length) return '<p class="note">No stockpile fact of this State is on record (not the same as no stockpile).</p>';
  const held = Object.entries(stockpile.held).map(([type, n]) => `${esc(type)} ${esc(n)}`).join(', ') || 'none';
  return `<p>Held on the date: ${held} (total ${esc(stockpile.totalHeld)}).${stockpile.action14 ? ' <span class="flag">Action 14: the Art. 4 deadline passed with mines held</span>' : ''}</p>
    <ul>${stockpile.history.map(f => `<li id="stock-${esc(f.eventId)}" tabindex="-1">${esc(f.date)}: ${esc(HUMAN_TYPE(f.fact))}, ${esc(f.mineType)} ${esc(f.quantity)} (change ${esc(f.change)}, balance after ${esc(f.balanceAfter)}) <span class="note">event ${esc(f.eventId)}</span> · ${logEntry('reporting', f)}</li>`).join('')}</ul>`;
}

function reportTable(reports) {
  if (!reports.length) return '<p class="note">No report is owed on this date.</p>';
  return `<div class="table-wrap"><table><thead><tr><th scope="col">Period</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Received</th></tr></thead><tbody>
    ${reports.map(r => `<tr class="r-${esc(r.status)}"${r.reportEventId ? ` id="rep-${esc(r.reportEventId)}" tabindex="-1"` : ''}><td>${esc(r.period)}</td><td>${esc(r.dueDate)}</td><td>${esc(r.status.toLowerCase().replace(/_/g, ' '))}${r.daysLate ? ` (${r.daysLate} days)` : ''}</td><td>${esc(r.receivedOn ?? '')}</td></tr>`).join('')}
    </tbody></table></div>`;
}

/** State-wide figures as sources state them, one chart per metric and unit; never summed with the area events. */
function statedFigures(container, figures) {
  if (!figures.length) {
    container.innerHTML = '<p class="note">No land-release figure of this State is stated in the sources on record.</p>';
    return;
  }
  const groups = new Map();
  figures.forEach(f => groups.set(`${f.metric} (${f.unit})`, [...(groups.get(`${f.metric} (${f.unit})`) ?? []), f]));
  container.innerHTML = [...groups.keys()].map((key, i) => `<div class="chart" id="stated-${i}"></div>`).join('');
  [...groups].forEach(([key, rows], i) => drawBarChart($(`#stated-${i}`),
    rows.sort((a, b) => a.period.localeCompare(b.period)).map(f => ({ label: f.period, values: [f.value] })), [key], `${key} by period, as stated`));
}

function landRelease(container, contamination) {
  if (!contamination || !contamination.events) {
    container.innerHTML = '<p class="note">No land-release facts of this State are on record: nothing to chart (this is not zero released).</p>';
    return;
  }
  const methods = ['CANCELLED', 'REDUCED', 'CLEARED'];
  const years = [...new Set(contamination.released.map(r => r.year))].sort();
  const bars = years.map(year => ({ label: String(year),
    values: methods.map(m => contamination.released.filter(r => r.year === year && r.method === m).reduce((a, r) => a + r.m2, 0)) }));
  const m2 = n => n.toLocaleString('en');
  container.innerHTML = `<p>${m2(contamination.remainingM2)} m² remaining of ${m2(contamination.identifiedM2)} m² identified;
    ${m2(contamination.releasedM2)} m² released (${contamination.events} facts).</p>
    <div class="table-wrap"><table id="remaining"><thead><tr><th scope="col">Status</th><th scope="col">Contamination</th><th scope="col">Areas</th>
      <th scope="col">Identified m²</th><th scope="col">Released m²</th><th scope="col">Remaining m²</th></tr></thead><tbody>
      ${contamination.remaining.map(r => `<tr><td>${esc(r.status)}</td><td>${esc(r.contamination)}</td><td>${esc(r.areasIdentified)}</td>
        <td>${m2(r.identifiedM2)}</td><td>${m2(r.releasedM2)}</td><td>${m2(r.remainingM2)}</td></tr>`).join('')}</tbody></table></div>
    <div id="land-chart"></div>`;
  if (bars.length) drawBarChart($('#land-chart'), bars, methods, 'Land released per year by method (m²)');
}

// ---------------------------------------------------------------------------------------------------------------
// View: deadlines (Art. 5 with each extension chain, Art. 4), from the same one request as the States view.

const deadlinesView = {
  mount(main) {
    main.innerHTML = `<h2 id="deadlines-title">Deadlines on <span id="deadlines-date"></span></h2>
      <div id="deadlines"></div>`;
  },
  async update() {
    const w = when();
    const states = await statesOn(w);
    if (when().query !== w.query) return;
    $('#deadlines-date').textContent = w.asOf + (w.knownAt ? `, as known at ${w.knownAt}` : '');
    const bound = states.filter(s => s.article5 && (s.status === 'STATE_PARTY' || s.status === 'WITHDRAWAL_PENDING'));
    const a4 = states.filter(s => s.article4 && (s.status === 'STATE_PARTY' || s.status === 'WITHDRAWAL_PENDING'));
    $('#deadlines').innerHTML = `
      <h3>Article 5: clearance of mined areas (${bound.length} States with an obligation on record)</h3>
      <div class="table-wrap"><table id="article5-table"><thead><tr><th scope="col">State</th><th scope="col">Deadline in force</th>
        <th scope="col">Extension chain: original deadline, then each request and decision</th></tr></thead><tbody>
        ${bound.map(s => `<tr class="${s.article5.overdue ? 'overdue' : ''}"><td><a href="${linkTo('state', s.iso3)}">${esc(s.name)}</a></td>
          <td>${article5Text(s)}</td><td>${chain(s.article5)}
            <details data-iso3="${esc(s.iso3)}"><summary>requests and decisions as recorded</summary><div class="requests">loading…</div></details></td></tr>`).join('')}
      </tbody></table></div>
      <h3>Article 4: destruction of stockpiles</h3>
      <p class="note">Art. 4 has no extension (SRAAP Action 14). A deadline passed with no completion on record is not a finding: the obligation binds only States that held stockpiles.</p>
      <div class="table-wrap"><table><thead><tr><th scope="col">State</th><th scope="col">Deadline and completion</th></tr></thead><tbody>
        ${a4.map(s => `<tr><td><a href="${linkTo('state', s.iso3)}">${esc(s.name)}</a></td><td>${article4Text(s, w.asOf, true)}</td></tr>`).join('')}
      </tbody></table></div>`;
    $('#article5-table').querySelectorAll('details').forEach(d => d.addEventListener('toggle', () => d.open && requests(d), { once: true }));
  },
};

const ARTICLE5_FACTS = new Set(['ExtensionRequested', 'ExtensionDecided', 'ClearanceCompleted', 'PreviouslyUnknownMinedAreaFound', 'MinedAreasReported']);

/** A State's Article 5 facts as recorded (the request behind each decision), fetched when the row is opened. */
async function requests(details) {
  const target = details.querySelector('.requests');
  try {
    const history = await api(`/api/registry/states/${encodeURIComponent(details.dataset.iso3)}/history`);
    const facts = history.filter(e => ARTICLE5_FACTS.has(e.type)).sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
    target.innerHTML = `<ol>${facts.map(e => `<li>${esc(e.effectiveDate)}: <strong>${esc(HUMAN_TYPE(e.type))}</strong> ${fieldsOf(e)}
      ${flagsOf(e).map(f => `<span class="flag">${esc(f)}</span>`).join(' ')} <span class="note">source: ${esc(e.data?.sourceReference ?? 'none given')}</span></li>`).join('')}</ol>`;
  } catch (e) {
    target.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

function chain(a5) {
  const steps = [`original ${esc(a5.originalDeadline)}`];
  for (const d of a5.decisions ?? []) {
    const date = d.decidedOn ? dateText(d.decidedOn) : '<span class="note">date not on record</span>';
    const deadline = d.granted ? (d.newDeadline ? `→ ${esc(d.newDeadline)}` : '<span class="flag">granted, no deadline on record</span>') : 'refused';
    steps.push(`${d.requestOnRecord ? '' : '<span class="flag">request not on record</span> '}decided${d.meeting ? ' at ' + esc(d.meeting) : ''}, ${date} (in force from ${esc(d.inForceFrom)}) ${deadline}${d.sourceConflict ? ` <span class="flag">sources disagree: ${esc(d.sourceConflict)}</span>` : ''}`);
  }
  if (a5.completedOn) steps.push(`completed ${dateText(a5.completedOn)}`);
  if (a5.reopenedOn) steps.push(`reopened ${dateText(a5.reopenedOn)}`);
  return steps.join(' ⟶ ');
}

// ---------------------------------------------------------------------------------------------------------------
// View: reports by year, and the compliance flags.

/** Reporting's statuses (ReportStatus in the OpenAPI document) in short words for the grid. */
/** The grid's one-character marks, explained in its legend and spelt out for screen readers. */
const REPORT_SIGN = {
  SUBMITTED_ON_TIME: '✓', SUBMITTED_LATE: 'L', SUBMITTED_TIMELINESS_UNKNOWN: '✓?', MISSING: '✗', LISTED_AS_MISSING: '(✗)',
  NOT_ON_RECORD: '·', NOT_YET_DUE: '…', VOLUNTARY: 'V', RECEIVED_UNMATCHED: 'R',
};
const REPORT_MARK = {
  SUBMITTED_ON_TIME: 'on time', SUBMITTED_LATE: 'late', SUBMITTED_TIMELINESS_UNKNOWN: 'received, timeliness unknown',
  MISSING: 'missing', LISTED_AS_MISSING: 'listed as missing', NOT_ON_RECORD: 'not on record', NOT_YET_DUE: 'not yet due',
  VOLUNTARY: 'voluntary', RECEIVED_UNMATCHED: 'received, matched to no due report',
};

const reportsView = {
  mount(main) {
    main.innerHTML = `<h2>Article 7 reports and compliance on <span id="reports-date"></span></h2>
      <div class="filters"><div><label for="rule-filter">Compliance rule</label><select id="rule-filter"><option value="">every rule</option>
        ${['missing-report', 'late-report', 'action-14', 'action-15', 'action-16', 'action-47'].map(r => `<option>${r}</option>`).join('')}</select></div></div>
      <div id="reports"></div>`;
    $('#rule-filter').addEventListener('change', () => setParams({ rule: $('#rule-filter').value }, true));
  },
  async update({ params }) {
    const w = when();
    $('#rule-filter').value = params.get('rule') ?? '';
    const rule = params.get('rule') ?? '';
    const [reports, flags] = await Promise.all([api(`/api/reporting/reports?${w.query}`),
      api(`/api/reporting/compliance?${w.query}${rule ? '&rule=' + encodeURIComponent(rule) : ''}`)]);
    if (when().query !== w.query) return;
    $('#reports-date').textContent = w.asOf + (w.knownAt ? `, as known at ${w.knownAt}` : '');
    const yearOf = r => (r.dueDate ?? r.receivedOn ?? '').slice(0, 4); // a voluntary report has no due date
    const years = [...new Set(reports.map(yearOf))].filter(Boolean).sort();
    const byState = new Map();
    for (const r of reports) {
      if (!byState.has(r.iso3)) byState.set(r.iso3, { name: r.name, byYear: new Map() });
      const byYear = byState.get(r.iso3).byYear;
      byYear.set(yearOf(r), [...(byYear.get(yearOf(r)) ?? []), r]);
    }
    const received = reports.filter(r => r.receivedOn).length;
    $('#reports').innerHTML = `
      <p id="report-counts">${reports.length} reports owed or sent by ${byState.size} States; ${received} submissions on record:
        ${Object.entries(REPORT_MARK).map(([k, v]) => [v, reports.filter(r => r.status === k).length]).filter(([, n]) => n).map(([v, n]) => `${n} ${v}`).join(', ')}.
        <span class="note">"Not on record" is not "missing": the record is not known to be complete, and the report may have been sent.</span></p>
      <p class="legend">${Object.entries(REPORT_MARK).map(([k, v]) => `<span class="r-${k}">&nbsp;${REPORT_SIGN[k]} ${v}&nbsp;</span>`).join(' ')} blank: not owed (not bound, or not on record); two marks: two reports due that year</p>
      <div class="table-wrap"><table class="grid"><thead><tr><th scope="col">State / year due</th>${years.map(y => `<th scope="col">${y}</th>`).join('')}</tr></thead><tbody>
      ${[...byState].map(([iso3, s]) => `<tr><td><a href="${linkTo('state', iso3)}">${esc(s.name)}</a></td>${years.map(y => {
        const owed = s.byYear.get(y) ?? [];
        return owed.length ? `<td class="c r-${esc(owed[owed.length - 1].status)}" title="${owed.map(r => `${esc(r.period)}, due ${esc(r.dueDate ?? '-')}: ${esc(REPORT_MARK[r.status] ?? r.status)}`).join('; ')}">${owed.map(r =>
          `<span aria-hidden="true">${esc(REPORT_SIGN[r.status] ?? r.status)}</span><span class="sr">${esc(r.period)}: ${esc(REPORT_MARK[r.status] ?? r.status)}</span>`).join(' ')}</td>` : '<td></td>';
      }).join('')}</tr>`).join('')}</tbody></table></div>
      <h3>Compliance flags (${flags.length})</h3>
      <div class="table-wrap"><table><thead><tr><th scope="col">State</th><th scope="col">Rule</th><th scope="col">Reason</th><th scope="col">Rests on</th></tr></thead><tbody>
      ${flags.slice(0, 2000).map(f => `<tr><td><a href="${linkTo('state', f.iso3)}">${esc(f.name)}</a></td><td>${esc(f.rule)}</td><td>${esc(f.reason)}</td><td class="note">${f.eventIds.map(e => `<a href="${linkTo('state', f.iso3, { event: e })}">${esc(e)}</a>`).join(', ')}</td></tr>`).join('')}
      </tbody></table></div>${flags.length > 2000 ? `<p class="note">First 2,000 of ${flags.length} shown; filter by rule.</p>` : ''}`;
  },
};

// ---------------------------------------------------------------------------------------------------------------
// View: the Action Plan's indicators for a year, with drill-down.

function coverageText(coverage) {
  if (!coverage) return '';
  if (coverage.onRecord == null) return `<span class="note">${esc(coverage.reads)}</span>`;
  const text = `${esc(coverage.onRecord)} of ${esc(coverage.of)} ${esc(coverage.reads)}`;
  return coverage.onRecord < coverage.of ? `<span class="flag">${text}</span>` : text;
}

const indicatorsView = {
  mount(main) {
    main.innerHTML = `<h2>Action Plan indicators</h2>
      <div class="filters"><div><label for="year">Indicator year</label><select id="year">${[2025, 2026, 2027, 2028, 2029].map(y => `<option>${y}</option>`).join('')}</select></div></div>
      <p id="coverage"></p><div id="indicator"></div><div id="indicators"></div>`;
    $('#year').addEventListener('change', () => setParams({ year: $('#year').value }));
  },
  async update({ params, id }) {
    const w = when();
    const year = /^\d{4}$/.test(params.get('year') ?? '') ? params.get('year') : String(Math.min(2029, Math.max(2025, Number(today().slice(0, 4)))));
    $('#year').value = year;
    const [rows, catalogue] = await Promise.all([api(`/api/indicators?year=${year}&${w.query}`), api('/api/indicators/catalogue')]);
    if (when().query !== w.query) return;
    const about = new Map(catalogue.map(c => [c.id, c]));
    const unread = rows.filter(i => i.coverage && i.coverage.of > 0 && i.coverage.onRecord === 0).length;
    $('#coverage').innerHTML = unread ? `<span class="flag">${unread} of ${rows.length} indicators read records none of which is on record for ${year}: they say so instead of showing a zero.</span>` : '';
    $('#indicators').innerHTML = `<div class="table-wrap"><table><thead><tr><th scope="col">Indicator</th><th scope="col">Value</th><th scope="col">Numerator / denominator</th>
      <th scope="col">Coverage</th><th scope="col">2025 baseline</th><th scope="col">Change</th><th scope="col">Note</th></tr></thead><tbody>
      ${rows.map(i => `<tr><td><a href="${linkTo('indicators', i.id, { year })}">${esc(i.id)}</a> <span class="note">${esc((about.get(i.id)?.wording ?? '').slice(0, 120))}</span></td>
        <td>${i.status === 'AWAITING_DATA' ? `<span class="flag">awaiting: ${esc(i.awaiting)}</span>` : i.status === 'NOT_BEGUN' ? '<span class="flag">year not begun</span>' : esc(i.value)}</td>
        <td>${esc(i.numerator ?? '')}${i.denominator != null ? ' / ' + esc(i.denominator) : ''}</td>
        <td>${coverageText(i.coverage)}</td>
        <td>${esc(i.baseline ?? '')}</td><td>${esc(i.changeFromBaseline ?? '')}</td><td class="note">${esc(i.note ?? '')}</td></tr>`).join('')}
      </tbody></table></div>`;
    $('#indicator').innerHTML = '';
    if (id) {
      const [detail, series] = await Promise.all([api(`/api/indicators/${encodeURIComponent(id)}?year=${year}&${w.query}`),
        api(`/api/indicators/${encodeURIComponent(id)}/series?${w.query}`)]);
      const name = iso3 => esc(iso3);
      $('#indicator').innerHTML = `<h3 id="indicator-title">Indicator ${esc(id)}, ${year}: ${esc(detail.status === 'AWAITING_DATA' ? 'awaiting ' + detail.awaiting : detail.status === 'NOT_BEGUN' ? 'the year has not begun' : detail.value)}</h3>
        <p>${esc(about.get(id)?.wording ?? '')}</p><p>Coverage: ${coverageText(detail.coverage)}</p><div class="chart" id="series"></div>
        <h3>Counted (${detail.counted.length}), with the events each rests on</h3>
        <ul>${detail.counted.map(c => `<li><a href="${linkTo('state', c.iso3)}">${name(c.iso3)}</a>: ${(c.eventIds ?? []).map(e => `<a href="${linkTo('state', c.iso3, { event: e })}">event ${esc(e)}</a>`).join(', ')}</li>`).join('') || '<li class="note">none</li>'}</ul>
        <h3>Not counted (${detail.notCounted.length})</h3>
        <p>${detail.notCounted.map(iso3 => `<a href="${linkTo('state', iso3)}">${name(iso3)}</a>`).join(', ') || '<span class="note">none</span>'}</p>`;
      drawLineChart($('#series'), series.map(p => ({ x: String(p.year), y: p.value })), `Indicator ${id}, 2025-2029`);
    }
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Operations: the operator's one page over the three services, from GET /api/{service}/operations/health.

const SERVICES = ['registry', 'reporting', 'indicators'];

const operationsView = {
  mount(main) {
    main.innerHTML = `<h2>Operations: is anything stuck?</h2>
      <p class="note">Every instance of a service reads the same (its MongoDB). The undo actions need an operator key.
        <button type="button" id="operations-refresh">Refresh</button></p>
      <p id="operations-done" class="note" role="status"></p>
      <div id="operations"></div>`;
    $('#operations-refresh').addEventListener('click', () => guarded(() => operationsView.update(route())));
    // An undo is an operator's call; an auditor's key is refused (403), which here says so rather than signing out.
    $('#operations').addEventListener('click', event => {
      const button = event.target.closest('button[data-path]');
      if (!button) return;
      guarded(async () => {
        let answer;
        try {
          answer = await request(button.dataset.path, { method: button.dataset.method });
        } catch (e) {
          if (e instanceof ApiError && e.status === 403) throw new ApiError(`Only an operator key may do this (${button.dataset.label}).`, 0);
          throw e;
        }
        $('#operations-done').textContent = `${button.dataset.label}: ${JSON.stringify(answer)}`;
        await operationsView.update();
      });
    });
  },
  async update() {
    const answers = await Promise.all(SERVICES.map(service => api(`/api/${service}/operations/health`, { cached: false })
      .then(health => ({ service, health }), error => ({ service, error }))));
    $('#operations').innerHTML = answers.map(({ service, health, error }) => {
      if (error) return `<section><h3>${esc(service)}: unreadable</h3><p class="error">${esc(error.message)}</p></section>`;
      const sections = Object.entries(health.sections ?? {});
      const stuck = sections.flatMap(([name, section]) => section.stuck.map(item => ({ name, ...item })));
      const processors = health.sections?.processors?.details ?? {};
      const letters = health.sections?.deadLetters?.details ?? {};
      return `<section class="operations-service"><h3>${esc(service)}: ${health.attention ? 'needs attention' : 'nothing stuck'}</h3>
        ${stuck.length ? `<table class="stuck"><thead><tr><th>what</th><th>where</th><th>since</th><th>error</th><th>how to undo it</th></tr></thead><tbody>
          ${stuck.map(item => `<tr><td>${esc(item.name)}: ${esc(item.what)}</td><td>${esc(item.where)}</td><td>${esc(item.since ?? '')}</td>
            <td>${esc(item.error ?? '')}</td><td><code>${esc(item.undo ?? '')}</code>
              ${(item.actions ?? []).map(action => `<button type="button" class="undo" data-method="${esc(action.method)}"
                data-path="${esc(action.path)}" data-label="${esc(action.label)}">${esc(action.label)}</button>`).join(' ')}</td></tr>`).join('')}</tbody></table>` : ''}
        <table class="figures"><thead><tr><th>processor</th><th>lag</th><th>dead letters</th><th>oldest</th><th>replay</th></tr></thead><tbody>
          ${[...new Set([...Object.keys(processors), ...Object.keys(letters)])].map(p => {
            const replay = processors[p]?.replay;
            const replayText = replay?.replaying
              ? `at ${replay.position} of ${replay.endPosition}, ${Math.round(replay.eventsPerSecond ?? 0)}/s, ends about ${replay.expectedEnd ?? '?'}`
              : (replay?.startedAt ? `last started ${replay.startedAt}` : '');
            return `<tr><td>${esc(p)}</td><td>${esc(processors[p]?.lag ?? '')}</td><td>${esc(letters[p]?.count ?? '')}</td>
              <td>${esc(letters[p]?.oldest ?? '')}</td><td>${esc(replayText)}</td></tr>`;
          }).join('')}</tbody></table></section>`;
    }).join('');
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The page.

// Integrity: each service's transparency log, its latest signed checkpoint and its self-audit (decision 0026).

const integrityView = {
  mount(main) {
    main.innerHTML = `<h2>Integrity: the signed record</h2>
      <p class="note">Every fact a service stores is the next entry of its transparency log; the log's checkpoints are
        signed. Check a fact's proof here (on its State's page) or anywhere with <code>./verify</code> and the verifier
        key below: take the key from the operator, not from this page, to check this system.</p>
      <div id="integrity"></div>`;
  },
  async update() {
    const logs = await Promise.all(SERVICES.map(service => Promise.all([api(`/api/${service}/log`, { cached: false }),
      api(`/api/${service}/operations/health`, { cached: false }).catch(() => null)])
      .then(([log, health]) => ({ service, log, audit: health?.sections?.integrity }), error => ({ service, error }))));
    $('#integrity').innerHTML = logs.map(({ service, log, audit, error }) => {
      if (error) return `<section><h3>${esc(service)}: unreadable</h3><p class="error">${esc(error.message)}</p></section>`;
      const findings = audit?.stuck ?? [];
      return `<section class="integrity-service" data-service="${esc(service)}"><h3>${esc(service)}</h3>
        <dl><dt>log</dt><dd><code>${esc(log.origin)}</code></dd>
          <dt>entries signed</dt><dd class="log-size">${esc(log.size ?? 0)}</dd>
          <dt>latest checkpoint</dt><dd>${esc(log.signedAt ?? 'none yet')} (${esc(log.checkpoints)} signed in all)</dd>
          <dt>verifier key</dt><dd><code class="verifier-key">${esc(log.verifierKey)}</code></dd>
          <dt>self-audit</dt><dd>${audit ? `${esc(audit.details?.audited ?? 0)} entries checked at ${esc(audit.details?.lastPass ?? 'no pass yet')}:
            ${findings.length ? `<strong class="error">${findings.length} finding(s)</strong>` : 'nothing altered'}` : 'not readable with this key'}</dd></dl>
        ${findings.length ? `<ul class="findings">${findings.map(f => `<li>${esc(f.what)}: ${esc(f.error)}</li>`).join('')}</ul>` : ''}
        <pre class="checkpoint">${esc(log.checkpoint ?? '')}</pre></section>`;
    }).join('');
  },
};

const VIEWS = { states: statesView, state: stateView, deadlines: deadlinesView, reports: reportsView, indicators: indicatorsView,
  operations: operationsView, integrity: integrityView, subscriptions: subscriptionsView({ request, guarded, ApiError, route, setParams }) };
let current = null;

function render() {
  const ok = signedIn();
  $('#sign-in').hidden = ok;
  $('#nav').hidden = !ok;
  $('#when').hidden = !ok;
  if (!ok) { $('#view').innerHTML = ''; current = null; return; }
  const r = route();
  const view = VIEWS[r.view] ?? statesView;
  document.querySelectorAll('#nav a[data-view]').forEach(a => (a.dataset.view === r.view ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current')));
  showWhen();
  const key = r.view + '/' + r.id;
  if (current !== key) {
    current = key;
    document.title = "Treaty Registry: auditor's console";
    view.mount($('#view'));
  }
  guarded(() => view.update(r));
}

document.addEventListener('click', event => {
  const button = event.target.closest?.('[data-goto]');
  if (button) goTo(button.dataset.goto);
  const verify = event.target.closest?.('[data-verify]');
  if (verify) guarded(() => verifyFact(verify.dataset.service, verify.dataset.verify, verify.dataset.date));
  const proof = event.target.closest?.('[data-proof]');
  if (proof) guarded(() => downloadProof(proof.dataset.service, proof.dataset.proof));
});

document.addEventListener('DOMContentLoaded', () => {
  $('#sign-in-form').addEventListener('submit', signIn);
  $('#sign-out').addEventListener('click', () => signOut());
  setUpWhen();
  window.addEventListener('hashchange', render);
  render();
});
