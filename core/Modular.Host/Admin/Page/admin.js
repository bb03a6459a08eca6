// Modular's admin page: a client of the admin API only. Every setting, value and rule shown comes from GET /settings;
// the admin token, when one is set, lives in this tab's session storage and travels in the Authorization header only.
'use strict';

const tokenKey = 'modular-admin-token';
const pageOrder = ['Configuration', 'Options (I)', 'Options (II)'];
const chartLength = 300;
const $ = id => document.getElementById(id);

let rows = [];
let loaded = false;
let previous = null;
const samples = [];
let ticks = 0;

class Unauthorized extends Error {}

function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name === 'value') node.value = value;
    else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.filter(child => child !== null && child !== undefined));
  return node;
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(tokenKey);
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    askToken(token ? 'The server refused that token.' : '');
    throw new Unauthorized();
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { ok: response.ok, status: response.status, json };
}

function errorsOf(answer) {
  return answer.json && Array.isArray(answer.json.errors) ? answer.json.errors : [`the server answered ${answer.status}`];
}

// ---- token ------------------------------------------------------------------------------------------------------------

function askToken(message) {
  sessionStorage.removeItem(tokenKey);
  loaded = false;
  $('tabs').hidden = true;
  $('settings').hidden = true;
  $('runtime').hidden = true;
  $('token-form').hidden = false;
  $('token-error').textContent = message;
  $('token').focus();
}

$('token-form').addEventListener('submit', event => {
  event.preventDefault();
  sessionStorage.setItem(tokenKey, $('token').value);
  $('token').value = '';
  $('token-form').hidden = true;
  load();
});

// ---- tabs -------------------------------------------------------------------------------------------------------------

const tabs = [$('tab-settings'), $('tab-runtime')];

function select(tab) {
  for (const other of tabs) {
    const chosen = other === tab;
    other.setAttribute('aria-selected', String(chosen));
    other.tabIndex = chosen ? 0 : -1;
    $(other.getAttribute('aria-controls')).hidden = !chosen;
  }
  if (tab === $('tab-runtime')) refreshRuntime();
}

for (const tab of tabs) {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', event => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    next.focus();
    select(next);
  });
}

// ---- settings ---------------------------------------------------------------------------------------------------------

function show(value) {
  return typeof value === 'string' ? (value === '' ? '(empty)' : value) : JSON.stringify(value);
}

function control(row) {
  const id = 'input-' + row.name;
  const about = 'about-' + row.name;
  const common = { id, name: row.name, disabled: row.readOnly, 'aria-describedby': about };
  if (row.type === 'boolean') return element('input', { ...common, type: 'checkbox', checked: row.value === true });
  if (row.allowedValues && row.allowedValues.length > 0) {
    const options = row.allowedValues.map(value => element('option', { value, text: value, selected: String(row.value).toLowerCase() === value.toLowerCase() }));
    return element('select', common, ...options);
  }
  if (row.type === 'integer') {
    return element('input', { ...common, type: 'number', step: '1', value: String(row.value),
      min: row.alsoAllowed && row.alsoAllowed.length ? undefined : row.minimum ?? undefined,
      max: row.maximum ?? undefined });
  }
  if (row.type === 'list' || row.type === 'object') {
    return element('textarea', { ...common, spellcheck: 'false', value: JSON.stringify(row.value, null, 1) });
  }
  // A secret's value never comes back from the server: the field is for a new one.
  const isSet = row.value !== '' && row.value !== '(none)';
  if (row.secret) return element('input', { ...common, type: 'password', autocomplete: 'off', placeholder: isSet ? 'set (unchanged)' : 'not set', value: '' });
  return element('input', { ...common, type: 'text', value: row.value ?? '' });
}

// The value typed for a row, or the reason the page refuses it before the server sees it.
function read(row) {
  const input = $('input-' + row.name);
  if (row.type === 'boolean') return { value: input.checked };
  if (input.tagName === 'SELECT') return { value: input.value };
  if (row.type === 'integer') {
    const text = input.value.trim();
    const number = Number(text);
    if (text === '' || !Number.isInteger(number)) return { problem: 'a whole number is needed' };
    const also = row.alsoAllowed || [];
    if (!also.includes(number) && ((row.minimum !== null && number < row.minimum) || (row.maximum !== null && number > row.maximum))) {
      return { problem: `from ${row.minimum} to ${row.maximum}${also.length ? ' (or ' + also.join(', ') + ')' : ''}` };
    }
    return { value: number };
  }
  if (row.type === 'list' || row.type === 'object') {
    try {
      const value = JSON.parse(input.value);
      if (row.type === 'list' && !Array.isArray(value)) return { problem: 'a JSON list is needed: [ … ]' };
      return { value };
    } catch (e) {
      return { problem: 'not valid JSON: ' + e.message };
    }
  }
  return { value: input.value };
}

function changed(row) {
  if (row.readOnly) return false;
  if (row.secret) return $('input-' + row.name).value !== '';
  const typed = read(row);
  return 'problem' in typed || JSON.stringify(typed.value) !== JSON.stringify(row.value);
}

function settingRow(row) {
  const input = control(row);
  const facts = ['from ' + row.origin, 'default ' + show(row.default), row.allowed, 'applies ' + row.appliesWhen].filter(Boolean).join(' · ');
  const container = element('div', { class: 'setting', id: 'setting-' + row.name },
    element('label', { for: input.id, text: row.name }),
    input,
    element('p', { class: 'about', id: 'about-' + row.name, text: `${row.description} — ${facts}` }),
    element('p', { class: 'error', id: 'error-' + row.name, role: 'alert' }));
  const mark = () => {
    container.classList.toggle('changed', changed(row));
    container.classList.remove('refused');
    $('error-' + row.name).textContent = '';
  };
  input.addEventListener('input', mark);
  input.addEventListener('change', mark);
  return container;
}

function renderSettings() {
  const owners = [...new Set(['core', ...rows.map(row => row.owner)])].filter(owner => rows.some(row => row.owner === owner));
  const groups = owners.map(owner => {
    const mine = rows.filter(row => row.owner === owner);
    const pages = [...new Set(mine.map(row => row.page ?? 'More'))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    return element('section', { class: 'owner', 'aria-label': owner === 'core' ? 'Core settings' : `Plugin ${owner}` },
      element('h2', { text: owner === 'core' ? 'Core' : `Plugin ${owner}` }),
      ...pages.flatMap(page => [element('h3', { text: page }), ...mine.filter(row => (row.page ?? 'More') === page).map(settingRow)]));
  });
  $('groups').replaceChildren(...groups);
}

function rank(page) {
  const at = pageOrder.indexOf(page);
  return at >= 0 ? at : page === 'More' ? 99 : 50;
}

async function loadSettings() {
  const answer = await api('GET', '/settings');
  if (!answer.ok) throw new Error(errorsOf(answer).join('; '));
  rows = answer.json.settings;
  renderSettings();
}

// A message of the server goes beside the setting it names, the longest name first (HTTPSPort before HTTPS…).
function placeError(message) {
  const byLength = [...rows].sort((a, b) => b.name.length - a.name.length);
  const row = byLength.find(candidate => new RegExp(`(^|[^A-Za-z0-9])${candidate.name}([^A-Za-z0-9]|$)`).test(message));
  if (!row) return false;
  $('error-' + row.name).textContent = message;
  $('setting-' + row.name).classList.add('refused');
  return true;
}

$('settings-form').addEventListener('submit', async event => {
  event.preventDefault();
  const persist = event.submitter && event.submitter.value === 'persist';
  const message = $('apply-message');
  message.className = 'message';
  const changes = {};
  let refused = 0;
  for (const row of rows.filter(changed)) {
    const typed = read(row);
    if ('problem' in typed) {
      $('error-' + row.name).textContent = typed.problem;
      $('setting-' + row.name).classList.add('refused');
      refused++;
    } else {
      changes[row.name] = typed.value;
    }
  }
  if (refused > 0) {
    message.textContent = 'Nothing was sent: correct the marked settings.';
    message.classList.add('failed');
    return;
  }
  if (Object.keys(changes).length === 0) {
    message.textContent = 'No setting was changed.';
    return;
  }
  message.textContent = 'Applying…';
  const answer = await api('PATCH', persist ? '/settings?persist=true' : '/settings', changes);
  if (!answer.ok) {
    const unplaced = errorsOf(answer).filter(error => !placeError(error));
    message.textContent = 'Refused, nothing changed. ' + unplaced.join(' ');
    message.classList.add('failed');
    return;
  }
  await loadSettings();
  message.textContent = `Applied ${answer.json.applied.join(', ')}${answer.json.persisted ? ' and saved in the settings file' : ''}.`;
});

async function load() {
  try {
    const server = await api('GET', '/server');
    if (!server.ok) throw new Error(errorsOf(server).join('; '));
    loaded = true;
    showState(server.json);
    $('tabs').hidden = false;
    await loadSettings();
    select(tabs.find(tab => tab.getAttribute('aria-selected') === 'true'));
    await tick();
  } catch (e) {
    if (!(e instanceof Unauthorized)) $('state').textContent = 'The admin API cannot be reached: ' + e.message;
  }
}

