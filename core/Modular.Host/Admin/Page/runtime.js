// Modular's admin page, the runtime view (4D's Runtime Explorer): state, figures and chart, cache, sessions, plugins.
// Loaded after admin.js, whose helpers it uses; it starts the page once both are in.
'use strict';

function showState(server) {
  const state = $('state');
  state.className = 'state ' + (server.running ? 'running' : 'stopped');
  state.textContent = server.running ? 'Web server running on ' + server.addresses.join(', ') : 'Web server stopped';
  $('stop').disabled = !server.running;
  $('start').disabled = server.running;
}

async function serverAction(action) {
  const answer = await api('POST', '/server/' + action);
  if (!answer.ok) $('state').textContent = `Could not ${action}: ${errorsOf(answer).join('; ')}`;
  else showState({ running: action === 'start', addresses: answer.json.addresses ?? [] });
  await tick();
}

$('stop').addEventListener('click', () => serverAction('stop'));
$('start').addEventListener('click', () => serverAction('start'));
$('clear-cache').addEventListener('click', async () => {
  await api('POST', '/cache/clear');
  await tick();
});

function size(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1048576) return (bytes / 1024).toFixed(1) + ' KB';
  return (bytes / 1048576).toFixed(1) + ' MB';
}

function showStatistics(statistics) {
  const now = performance.now();
  if (previous) {
    const seconds = (now - previous.time) / 1000;
    const served = Math.max(0, statistics.requests - previous.requests);
    const rate = seconds > 0 ? served / seconds : 0;
    $('rps').textContent = rate.toFixed(rate < 10 ? 1 : 0);
    samples.push(rate);
    if (samples.length > chartLength) samples.shift();
    drawChart();
  }
  previous = { time: now, requests: statistics.requests };
  $('in-flight').textContent = statistics.inFlight;
  $('refused').textContent = statistics.requestsRefused;
  $('keep-alive-closes').textContent = statistics.keepAliveCloses;
  $('cached-objects').textContent = statistics.cache.cachedObjects;
  $('cache-size').textContent = `${size(statistics.cache.currentSize)} of ${size(statistics.cache.maxSize)}`;
  $('cache-hits').textContent = statistics.cache.hits;
  $('cache-misses').textContent = statistics.cache.misses;
}

function drawChart() {
  const peak = Math.max(1, ...samples);
  const step = 300 / (chartLength - 1);
  const start = chartLength - samples.length;
  $('chart-line').setAttribute('points', samples.map((rate, i) => `${((start + i) * step).toFixed(1)},${(100 - rate / peak * 95).toFixed(1)}`).join(' '));
  $('chart-scale').textContent = `last 5 minutes, peak ${peak.toFixed(peak < 10 ? 1 : 0)} requests/s`;
}

function endButton(label, path, refresh) {
  return element('button', { type: 'button', text: 'End', 'aria-label': label, onclick: async () => { await api('DELETE', path); await refresh(); } });
}

async function refreshWebSessions() {
  const answer = await api('GET', '/plugins/sessions/sessions/list');
  const list = $('web-session-list');
  if (!answer.ok) { list.replaceChildren(element('li', { text: errorsOf(answer).join('; ') })); return; }
  const items = answer.json.sessions.map(session => element('li', { 'data-id': session.id },
    element('span', { text: `${session.clientAddress} · since ${new Date(session.created).toLocaleTimeString()} · ${session.id.slice(0, 8)}…` }),
    endButton(`End web session ${session.id}`, '/plugins/sessions/sessions/' + session.id, refreshWebSessions)));
  list.replaceChildren(...(items.length ? items : [element('li', { text: 'No open session.' })]));
}

async function refreshRemoteSessions() {
  const answer = await api('GET', '/plugins/projectserver/sessions');
  const list = $('remote-session-list');
  if (!answer.ok) { list.replaceChildren(element('li', { text: errorsOf(answer).join('; ') })); return; }
  const items = answer.json.sessions.map(session => element('li', { 'data-id': session.id },
    element('span', { text: `${session.project} · ${Object.values(session.info ?? {}).filter(v => typeof v === 'string' && v).join(' · ')}` }),
    endButton(`End remote session ${session.id}`, '/plugins/projectserver/sessions/' + session.id, refreshRemoteSessions)));
  list.replaceChildren(...(items.length ? items : [element('li', { text: 'No remote client connected.' })]));
}

async function refreshPlugins() {
  const answer = await api('GET', '/plugins');
  if (!answer.ok) { $('plugin-list').replaceChildren(element('li', { text: errorsOf(answer).join('; ') })); return; }
  const names = answer.json.plugins.map(plugin => plugin.name);
  const items = answer.json.plugins.map(plugin => element('li', { text: `${plugin.name} ${plugin.version ?? ''}` }));
  $('plugin-list').replaceChildren(...(items.length ? items : [element('li', { text: 'No plugin loaded.' })]));
  $('web-sessions').hidden = !names.includes('sessions');
  $('remote-sessions').hidden = !names.includes('projectserver');
}

async function refreshRuntime() {
  await refreshPlugins();
  if (!$('web-sessions').hidden) await refreshWebSessions();
  if (!$('remote-sessions').hidden) await refreshRemoteSessions();
}

// Once a second: the state and the figures (the chart wants them even while another view is shown); every few seconds the lists.
async function tick() {
  if (!loaded) return;
  const [server, statistics] = await Promise.all([api('GET', '/server'), api('GET', '/statistics')]);
  // An error answer (the web server's services restarting, say) is said in the state line; the figures keep their last values.
  if (server.ok) showState(server.json);
  else $('state').textContent = 'Web server state unknown: ' + errorsOf(server).join('; ');
  if (statistics.ok) showStatistics(statistics.json);
  if (!$('runtime').hidden && ++ticks % 3 === 0) await refreshRuntime();
}

setInterval(() => tick().catch(e => { if (!(e instanceof Unauthorized)) $('state').textContent = 'The admin API cannot be reached: ' + e.message; }), 1000);
load();
