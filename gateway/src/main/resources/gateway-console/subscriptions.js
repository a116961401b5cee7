// View: the signed-in key's webhook subscriptions to one service's events (README "Subscriptions", decision 0029).
// #/subscriptions?service=registry lists them with a form to subscribe; #/subscriptions/{id}?service=... adds one
// subscription's delivery log and a replay of a range. Only auditor and integration keys may use the API; each key
// sees only its own subscriptions. A secret is shown once, when it is made or rotated.
import { esc } from './html.js';

const SERVICES = ['registry', 'reporting', 'indicators'];
const TYPE_PREFIX = 'org.treatyregistry.';

/** The event types each service records (the contract's EventCatalog, by the service whose store holds them). */
const EVENT_TYPES = {
  registry: ['TreatySigned', 'InstrumentDeposited', 'WithdrawalNotified', 'WithdrawalRevoked', 'ArmedConflictEngaged',
    'ArmedConflictEnded', 'StockpileDestructionCompleted', 'StockpileStillHeldReported', 'MinedAreasReported',
    'ExtensionRequested', 'ExtensionDecided', 'ClearanceCompleted', 'PreviouslyUnknownMinedAreaFound', 'FactRetracted'],
  reporting: ['ReportSubmitted', 'ReportAmended', 'ReportReceived', 'MissingReportListed',
    'ReportRecordCompletenessDeclared', 'StockpileDeclared', 'PreviouslyUnknownStockpileFound', 'MinesDestroyed',
    'MinesTransferred', 'RetainedMinesStated', 'HazardousAreaRecorded', 'LandReleased', 'LandReleaseFigureStated'],
  indicators: ['DelegationAttended', 'SurvivorOrganisationAttended', 'UnResolutionVoted', 'MoratoriumDeclared',
    'AssessedContributionPaid', 'VoluntaryContributionMade', 'ExtensionRequestAssessed'],
};

/** The alerts each service offers (dates the record reaches, not facts recorded); sent only if some are ticked. */
const ALERTS = {
  registry: ['ENTRY_INTO_FORCE_REACHED', 'WITHDRAWAL_TAKES_EFFECT', 'ARTICLE_4_DEADLINE_APPROACHING',
    'ARTICLE_4_DEADLINE_PASSED', 'ARTICLE_5_DEADLINE_APPROACHING', 'ARTICLE_5_DEADLINE_PASSED'],
  reporting: ['ARTICLE_7_REPORT_DUE', 'ARTICLE_7_REPORT_OVERDUE'],
  indicators: [],
};

const $ = selector => document.querySelector(selector);
const words = type => type.replace(TYPE_PREFIX, '').replace(/([a-z])([A-Z])/g, '$1 $2');
const alertWords = alert => alert.toLowerCase().replace(/_/g, ' ').replace('article ', 'Art. ');
const listText = (values, all) => (values?.length ? values.map(esc).join(', ') : `<span class="note">${all}</span>`);
const WHOLE = /^\d+$/;
const deliveries = n => `${n} deliver${n === 1 ? 'y' : 'ies'}`;

/**
 * The view, given the console's API call, its error handling and its URL: console.js owns those, this module only
 * the page.
 */
export function subscriptionsView({ request, guarded, ApiError, route, setParams }) {
  /** The secret on show, until the user hides it or leaves the page: { id, value, previousValidUntil }. */
  let secret = null;
  const serviceOf = params => (SERVICES.includes(params.get('service')) ? params.get('service') : 'registry');
  const base = service => `/api/${service}/subscriptions`;
  const listHash = service => `#/subscriptions?service=${service}`;

  /** A call to the subscription API; a refusal by role says which keys may, instead of signing out. */
  async function call(path, options) {
    try {
      return await request(path, options);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) {
        throw new ApiError(`Subscriptions are for auditor and integration keys. ${e.detail}`, 0);
      }
      throw e;
    }
  }

  function say(text) { $('#subs-done').textContent = text; }

  function showSecret() {
    const panel = $('#subs-secret');
    panel.hidden = !secret;
    if (!secret) { panel.innerHTML = ''; return; }
    panel.innerHTML = `<h3>The secret of subscription <code>${esc(secret.id)}</code></h3>
      <p><strong>Copy it now: it is not shown again.</strong> Your receiver checks each delivery's
        <code>webhook-signature</code> with it.${secret.previousValidUntil ? ` The previous secret still signs beside it
        until ${esc(secret.previousValidUntil)}.` : ''}</p>
      <label for="subs-secret-value">Secret</label>
      <input id="subs-secret-value" type="text" readonly spellcheck="false" value="${esc(secret.value)}">
      <button type="button" data-action="copy">Copy</button>
      <button type="button" data-action="forget">I have copied it: hide it</button>
      <span id="subs-copied" class="note" role="status"></span>`;
    panel.focus();
  }

  function statusText(s) {
    const failing = s.failingSince ? ` <span class="flag">failing since ${esc(s.failingSince)}</span>` : '';
    const why = s.status === 'DISABLED' ? ` <span class="error">because ${esc(s.disabledBecause ?? 'of no reason given')}</span>` : '';
    return `<span class="sub-status sub-${esc(s.status)}">${esc(s.status)}</span>${why}${failing}`;
  }

  /** What it selects: events (or none: alerts only), States, alerts with their days ahead; and its feed. */
  function selection(s, service) {
    const feed = s.feed ? new URL(s.feed, location.origin).href : '';
    const events = s.events === false ? 'none (alerts only)' : listText(s.types?.map(words), 'every type');
    return `events: ${events}<br>States: ${listText(s.states, 'every State')}
      ${s.alerts ? `<br>alerts: ${listText(s.alerts.map(alertWords), 'none')}` : ''}
      ${s.daysAhead ? `<br>days ahead: ${listText(s.daysAhead, 'none')}` : ''}
      ${feed ? `<br>Atom feed: <code>${esc(feed)}</code>` : ''}`;
  }

  function actions(s) {
    return `<button type="button" data-action="rotate" data-id="${esc(s.id)}">Rotate secret</button>
      ${s.status === 'DISABLED' ? `<button type="button" data-action="enable" data-id="${esc(s.id)}">Enable</button>` : ''}
      <button type="button" data-action="delete" data-id="${esc(s.id)}">Delete</button>`;
  }

  function paintList(list, service, picked) {
    if (!list.length) {
      $('#subs-list').innerHTML = `<p id="subs-none" class="note">This key has no subscription to the ${esc(service)}
        service's events.</p>`;
      return;
    }
    $('#subs-list').innerHTML = `<div class="table-wrap"><table id="subs-table"><thead><tr><th scope="col">Subscription</th>
      <th scope="col">Receiver</th><th scope="col">Selects</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
      <tbody>${list.map(s => `<tr data-id="${esc(s.id)}"${s.id === picked ? ' class="picked"' : ''}>
        <td><a href="#/subscriptions/${encodeURIComponent(s.id)}?service=${service}">${esc(s.id)}</a>
          <span class="note">made ${esc(s.createdAt)}, from position ${esc(s.fromPosition)}</span></td>
        <td class="receiver">${esc(s.url)}</td><td>${selection(s, service)}</td><td>${statusText(s)}</td>
        <td>${actions(s)}</td></tr>`).join('')}</tbody></table></div>`;
  }

  function paintOne(s, log, service, limit) {
    $('#subs-detail').innerHTML = `<section id="subs-one" aria-labelledby="subs-one-title">
      <h3 id="subs-one-title">Subscription <code>${esc(s.id)}</code>: ${statusText(s)}</h3>
      <p><a href="${listHash(service)}">← all subscriptions</a> ${actions(s)}</p>
      <dl class="facts"><dt>Receiver</dt><dd>${esc(s.url)}</dd><dt>Selects</dt><dd>${selection(s, service)}</dd>
        <dt>Deliveries from</dt><dd>after store position ${esc(s.fromPosition)}</dd>
        <dt>Queued now</dt><dd id="subs-queued">${esc(s.queued ?? 0)}</dd><dt>Made</dt><dd>${esc(s.createdAt)}</dd>
        <dt>Service's signing key</dt><dd><code>${esc(s.signingPublicKey)}</code> (verifies the <code>v1a</code> signatures)</dd></dl>
      <h4>Send a range of the record again</h4>
      <form id="subs-replay" class="filters" novalidate>
        <div><label for="subs-replay-from">From store position</label><input id="subs-replay-from" type="number" min="1" step="1" required></div>
        <div><label for="subs-replay-to">To store position (empty: the latest)</label><input id="subs-replay-to" type="number" min="1" step="1"></div>
        <button type="submit">Replay</button></form>
      <h4>Delivery log, newest first</h4>
      <div class="filters"><div><label for="subs-limit">Attempts shown</label><select id="subs-limit">
        ${[20, 100, 1000].map(n => `<option${n === limit ? ' selected' : ''}>${n}</option>`).join('')}</select></div>
        <button type="button" data-action="refresh">Refresh</button></div>
      ${log.length ? `<div class="table-wrap"><table id="subs-deliveries"><thead><tr><th scope="col">At</th><th scope="col">Event</th>
        <th scope="col">Attempt</th><th scope="col">HTTP status</th><th scope="col">Outcome</th><th scope="col">Latency</th>
        <th scope="col">Answer</th></tr></thead><tbody>${log.map(d => `<tr class="outcome-${esc(String(d.outcome).split(/\W/)[0])}"><td>${esc(d.at)}</td>
          <td>${esc(words(d.type ?? ''))} ${esc(d.state ?? '')} <span class="note">position ${esc(d.position)}, event ${esc(d.eventId)}</span></td>
          <td>${esc(d.attempt)}</td><td>${d.status ? esc(d.status) : '<span class="note">none</span>'}</td><td>${esc(d.outcome)}</td>
          <td>${esc(d.latencyMs)} ms</td><td class="note">${esc(d.response ?? '')}</td></tr>`).join('')}</tbody></table></div>`
        : '<p id="subs-no-deliveries" class="note">No delivery attempted yet.</p>'}
      </section>`;
    $('#subs-replay').addEventListener('submit', event => { event.preventDefault(); guarded(() => replay(s.id, service)); });
    $('#subs-limit').addEventListener('change', () => setParams({ limit: $('#subs-limit').value }));
  }

  /** The form's choices for the service: its event types and its alerts. */
  function paintChoices(service) {
    const types = $('#subs-types');
    if (types.dataset.service === service) return;
    types.dataset.service = service;
    types.querySelector('.choices').innerHTML = EVENT_TYPES[service].map(t => `<div><input type="checkbox" id="subs-type-${t}"
      name="types" value="${TYPE_PREFIX}${t}"><label for="subs-type-${t}">${esc(words(t))}</label></div>`).join('');
    const alerts = $('#subs-alerts');
    alerts.hidden = !ALERTS[service].length;
    alerts.querySelector('.choices').innerHTML = ALERTS[service].map(a => `<div><input type="checkbox" id="subs-alert-${a}"
      name="alerts" value="${a}"><label for="subs-alert-${a}">${esc(alertWords(a))}</label></div>`).join('');
    $('#subs-days-ahead-field').hidden = !ALERTS[service].some(a => a.endsWith('_APPROACHING') || a.endsWith('_DUE'));
  }

  async function subscribe(service) {
    const form = $('#subs-form');
    const ticked = name => [...form.querySelectorAll(`input[name=${name}]:checked`)].map(i => i.value);
    const list = id => $(id).value.split(/[\s,;]+/).filter(Boolean);
    const body = { url: $('#subs-url').value.trim() };
    const types = ticked('types');
    if (types.length) body.types = types;
    if ($('#subs-alerts-only').checked) body.events = false;
    const states = list('#subs-states').map(s => s.toUpperCase());
    if (states.length) body.states = states;
    if ($('#subs-from-position').checked) {
      const position = $('#subs-position').value.trim();
      if (!WHOLE.test(position)) throw new ApiError('Write the store position to start after as a whole number (0 or more).', 0);
      body.from = Number(position);
    } else {
      body.from = 'now';
    }
    const alerts = ticked('alerts');
    if (alerts.length) body.alerts = alerts;
    const days = list('#subs-days-ahead');
    if (days.some(d => !WHOLE.test(d))) throw new ApiError('Days ahead are whole numbers of days, e.g. 90, 30.', 0);
    if (days.length) body.daysAhead = days.map(Number);
    say('');
    const made = await call(base(service), { method: 'POST', body });
    secret = { id: made.id, value: made.secret };
    say(`Subscribed ${made.id}: ${made.status}, ${deliveries(made.queued ?? 0)} queued.`);
    form.reset();
    showSecret();
    await load();
  }

  async function replay(id, service) {
    const from = $('#subs-replay-from').value.trim(), to = $('#subs-replay-to').value.trim();
    if (!WHOLE.test(from) || (to && !WHOLE.test(to))) throw new ApiError('Positions are whole numbers, from 1.', 0);
    const body = { fromPosition: Number(from) };
    if (to) body.toPosition = Number(to);
    const answer = await call(`${base(service)}/${encodeURIComponent(id)}/replay`, { method: 'POST', body });
    say(`Queued ${deliveries(answer.queued)} of positions ${answer.fromPosition} to ${answer.toPosition} again.`);
    await load();
  }

  const ACTIONS = {
    async rotate(id, service) {
      const rotated = await call(`${base(service)}/${encodeURIComponent(id)}/secret`, { method: 'POST' });
      secret = { id, value: rotated.secret, previousValidUntil: rotated.previousSecretValidUntil };
      say(`Rotated the secret of ${id}.`);
      showSecret();
      await load();
    },
    async enable(id, service) {
      const enabled = await call(`${base(service)}/${encodeURIComponent(id)}/enable`, { method: 'POST' });
      say(`Enabled ${id}: ${enabled.status}; its queued deliveries go on.`);
      await load();
    },
    async delete(id, service) {
      if (!confirm(`Delete subscription ${id}? Its receiver is sent nothing more, and what is queued for it is dropped.`)) return;
      await call(`${base(service)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
      if (secret?.id === id) { secret = null; showSecret(); }
      say(`Deleted ${id}.`);
      if (route().id === id) location.hash = listHash(service);
      else await load();
    },
    async copy() {
      const input = $('#subs-secret-value');
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
        $('#subs-copied').textContent = 'Copied.';
      } catch {
        $('#subs-copied').textContent = 'The browser did not let the page copy: it is selected, press Ctrl+C.';
      }
    },
    forget() { secret = null; showSecret(); },
    refresh: () => load(),
  };

  /** The list, and the subscription picked in the URL with its delivery log. */
  async function load() {
    const { id, params } = route();
    const service = serviceOf(params);
    const limit = [20, 100, 1000].includes(Number(params.get('limit'))) ? Number(params.get('limit')) : 100;
    const [list, one, log] = await Promise.all([call(base(service)),
      id ? call(`${base(service)}/${encodeURIComponent(id)}`) : null,
      id ? call(`${base(service)}/${encodeURIComponent(id)}/deliveries?limit=${limit}`) : null]);
    const now = route();
    if (now.view !== 'subscriptions' || now.id !== id || serviceOf(now.params) !== service) return; // moved on meanwhile
    paintList(list, service, id);
    if (one) paintOne(one, log, service, limit);
    else $('#subs-detail').innerHTML = '';
  }

  return {
    mount(main) {
      // The list and a subscription's page share one frame, so a secret on show stays while moving between them.
      if (main.querySelector('#subscriptions-page')) return;
      secret = null;
      main.innerHTML = `<div id="subscriptions-page">
        <h2 id="subs-title">Webhook subscriptions of this key</h2>
        <p class="note">The service posts each new fact you select to your receiver, signed (README "Subscriptions").
          Each key sees only its own subscriptions; an auditor or integration key may make them.</p>
        <div class="filters"><div><label for="subs-service">Events of the service</label><select id="subs-service">
          ${SERVICES.map(s => `<option>${s}</option>`).join('')}</select></div>
          <button type="button" data-action="refresh">Refresh</button></div>
        <div id="subs-secret" class="secret" tabindex="-1" role="region" aria-label="The new secret" hidden></div>
        <p id="subs-done" role="status"></p>
        <div id="subs-list"><p class="note">Loading the subscriptions…</p></div>
        <div id="subs-detail"></div>
        <h3 id="subs-form-title">Subscribe a receiver</h3>
        <form id="subs-form" class="subscribe" novalidate aria-labelledby="subs-form-title">
          <div class="field"><label for="subs-url">Receiver URL (https://; it must answer the CloudEvents validation request)</label>
            <input id="subs-url" type="url" required size="60" spellcheck="false" placeholder="https://receiver.example.org/hook"></div>
          <fieldset id="subs-types"><legend>Event types (none ticked: every type)</legend><div class="choices"></div></fieldset>
          <div class="field"><label for="subs-states">States, ISO3 codes separated by commas (empty: every State)</label>
            <input id="subs-states" type="text" spellcheck="false" placeholder="UKR, NPL"></div>
          <fieldset><legend>Deliver</legend>
            <div class="check"><input type="radio" name="from" id="subs-from-now" value="now" checked>
              <label for="subs-from-now">what is recorded from now on</label></div>
            <div class="check"><input type="radio" name="from" id="subs-from-position" value="position">
              <label for="subs-from-position">what was stored after position</label>
              <input id="subs-position" type="number" min="0" step="1" aria-label="store position to start after"></div>
          </fieldset>
          <fieldset id="subs-alerts"><legend>Alerts, optional (dates the record reaches)</legend><div class="choices"></div>
            <div class="check"><input type="checkbox" id="subs-alerts-only">
              <label for="subs-alerts-only">alerts only, no events</label></div></fieldset>
          <div class="field" id="subs-days-ahead-field"><label for="subs-days-ahead">Days ahead for alerts before a date,
            optional (e.g. 90, 30; empty: the service's default)</label><input id="subs-days-ahead" type="text"></div>
          <button type="submit" id="subs-submit">Subscribe</button>
        </form></div>`;
      const page = $('#subscriptions-page');
      $('#subs-service').addEventListener('change', () => { location.hash = listHash($('#subs-service').value); });
      $('#subs-position').addEventListener('focus', () => { $('#subs-from-position').checked = true; });
      $('#subs-form').addEventListener('submit', event => {
        event.preventDefault();
        guarded(() => subscribe(serviceOf(route().params)));
      });
      page.addEventListener('click', event => {
        const button = event.target.closest('button[data-action]');
        if (button) guarded(() => ACTIONS[button.dataset.action](button.dataset.id, serviceOf(route().params)));
      });
    },
    async update({ params }) {
      const service = serviceOf(params);
      $('#subs-service').value = service;
      $('#subs-title').textContent = `Webhook subscriptions of this key to the ${service} service's events`;
      paintChoices(service);
      await load();
    },
  };
}
