// vedit console: plain ES modules, no build step, no third-party code. Every page talks to the same API that
// clients use; the key lives only in sessionStorage (this tab) and goes out only as a Bearer header.
import { t, translate, language, setLanguage, half } from '/console/i18n.js';

const main = document.getElementById('main');
let account = null;
let models = [];
let liveAbort = null; // the open event stream of the current page, closed on navigation
let newKey = null; // a key just made: shown once, on the next drawing of the account page
// Each navigation starts a new generation: a page still loading for an older one draws nothing and opens no
// stream (an abandoned stream would hold one of the browser's few connections to the server).
let generation = 0;

function current(gen) {
  return gen === generation;
}

// ---- small helpers -----------------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces an element's children, skipping absent ones (replaceChildren would write "null"). */
function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

function key() {
  return sessionStorage.getItem('vedit.key');
}

async function api(method, path, body) {
  const init = { method, headers: { Authorization: 'Bearer ' + key() } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const json = await res.json().catch(() => ({}));
  if (res.status === 401 || json.code === 802 || json.errorCode === '1002') {
    signOut(t('signin.bad'));
    throw new Error(t('signin.bad'));
  }
  return json;
}

/** The data of a v1 reply, or an error with the message in the page's language. */
async function v1(method, path, body) {
  const r = await api(method, path, body);
  if (r.code !== 0) throw new Error(half(r.msg || r.message || ('error ' + r.code)));
  return r.data;
}

function when(ms) {
  return ms ? new Date(ms).toLocaleString(language() === 'zh' ? 'zh-CN' : 'en-GB') : '';
}

function statusBadge(status) {
  return h('span', { class: 'status s-' + String(status || '').toLowerCase(), text: status || '' });
}

function progressBar(pct) {
  const p = Math.max(0, Math.min(100, pct || 0));
  const fill = h('span', { class: 'fill' });
  fill.style.width = (p * 0.8) + 'px'; // through the CSSOM: the page's CSP allows no inline style attributes
  return h('span', { class: 'bar', title: p + '%' }, fill, h('span', { class: 'pct', text: p + '%' }));
}

function errorBox(message) {
  return h('p', { class: 'error', role: 'alert', text: message });
}

/**
 * Reads a server-sent event stream with fetch (EventSource cannot send an Authorization header), resuming with
 * Last-Event-ID after a drop, until the stream ends or the page changes.
 */
async function follow(gen, path, onEvent) {
  if (!current(gen)) return;
  const abort = new AbortController();
  liveAbort = abort;
  let last = null;
  while (!abort.signal.aborted) {
    try {
      const headers = { Authorization: 'Bearer ' + key(), Accept: 'text/event-stream' };
      if (last) headers['Last-Event-ID'] = last;
      const res = await fetch(path, { headers, signal: abort.signal });
      if (res.status === 204 || res.status === 404) return;
      if (res.status === 401) { signOut(t('signin.bad')); return; }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let id = null;
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data) {
            if (id) last = id;
            const task = JSON.parse(data);
            onEvent(task);
            if (path.includes('/tasks/') && (task.status === 'SUCCESS' || task.status === 'FAILED')) return;
          }
        }
      }
    } catch (e) {
      if (abort.signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

// ---- sign in -------------------------------------------------------------------------------------------

function signOut(reason) {
  generation++;
  if (liveAbort) liveAbort.abort();
  liveAbort = null;
  sessionStorage.removeItem('vedit.key');
  account = null;
  renderSignIn(reason);
}

function renderSignIn(reason) {
  document.getElementById('nav').hidden = true;
  document.getElementById('signout').hidden = true;
  const input = h('input', { id: 'key', type: 'password', autocomplete: 'off', required: true, 'aria-label': t('signin.key') });
  const form = h('form', { class: 'card narrow', onsubmit: async (e) => {
    e.preventDefault();
    sessionStorage.setItem('vedit.key', input.value.trim());
    await start();
  } },
  h('h1', { text: t('signin.title') }),
  reason ? errorBox(reason) : null,
  h('label', {}, t('signin.key'), input),
  h('button', { type: 'submit', id: 'signin', text: t('signin.go') }),
  h('p', { class: 'note', text: t('signin.note') }));
  fill(main, form);
  input.focus();
}

async function start() {
  try {
    const r = await fetch('/vedit/v1/account', { headers: { Authorization: 'Bearer ' + key() } });
    const json = await r.json();
    if (json.code !== 0) { signOut(t('signin.bad')); return; }
    account = json.data;
    models = await v1('GET', '/vedit/v1/models');
  } catch (e) {
    signOut(t('signin.bad'));
    return;
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('signout').hidden = false;
  route();
}

// ---- pages ---------------------------------------------------------------------------------------------

function route() {
  generation++;
  if (liveAbort) liveAbort.abort();
  liveAbort = null;
  if (!key() || !account) { renderSignIn(); return; }
  const hash = location.hash || '#/tasks';
  const task = hash.match(/^#\/task\/(\d+)/);
  if (task) renderTask(task[1]);
  else if (hash.startsWith('#/new')) renderNew();
  else if (hash.startsWith('#/account')) renderAccount();
  else renderTasks();
}

const listState = { page: 1, status: '', model: '', search: '' };

async function renderTasks() {
  const gen = generation;
  const page = await v1('GET', '/openapi/v2/tasks?page=' + listState.page + '&pageSize=20');
  if (!current(gen)) return;
  const statusSelect = h('select', { id: 'filter-status', onchange: (e) => { listState.status = e.target.value; draw(); } },
    ['', 'QUEUED', 'RUNNING', 'SUCCESS', 'FAILED'].map((s) => h('option', { value: s, selected: s === listState.status, text: s || t('tasks.all') })));
  const modelSelect = h('select', { id: 'filter-model', onchange: (e) => { listState.model = e.target.value; draw(); } },
    [''].concat(models.map((m) => m.endpoint)).map((m) => h('option', { value: m, selected: m === listState.model, text: m || t('tasks.all') })));
  const search = h('input', { id: 'filter-search', type: 'search', value: listState.search, placeholder: t('tasks.search'),
    oninput: (e) => { listState.search = e.target.value; draw(); } });
  const body = h('tbody');
  const rows = new Map(page.tasks.map((x) => [x.taskId, x]));
  function draw() {
    const wanted = [...rows.values()].filter((x) => (!listState.status || x.status === listState.status)
      && (!listState.model || x.endpoint === listState.model)
      && (!listState.search || (x.prompt || '').toLowerCase().includes(listState.search.toLowerCase())));
    fill(body, ...wanted.map((x) => h('tr', { 'data-task': x.taskId },
      h('td', {}, h('a', { href: '#/task/' + x.taskId, text: x.taskId })),
      h('td', {}, statusBadge(x.status)),
      h('td', {}, progressBar(x.status === 'SUCCESS' ? 100 : x.progress)),
      h('td', { text: x.endpoint }),
      h('td', { class: 'prompt', text: x.prompt }),
      h('td', { text: when(x.createdAt) }),
      h('td', { text: when(x.finishedAt) }))));
    if (!wanted.length) body.append(h('tr', {}, h('td', { colspan: 7, class: 'note', text: t('tasks.none') })));
  }
  draw();
  fill(main, h('section', {},
    h('h1', { text: t('tasks.title') }),
    h('div', { class: 'filters' }, h('label', {}, t('tasks.status'), statusSelect), h('label', {}, t('tasks.model'), modelSelect), search),
    h('table', { id: 'tasks' }, h('thead', {}, h('tr', {}, ['col.task', 'col.status', 'col.progress', 'col.model', 'col.prompt', 'col.created', 'col.finished']
      .map((k) => h('th', { text: t(k) })))), body),
    h('div', { class: 'pager' },
      h('button', { type: 'button', disabled: listState.page <= 1, onclick: () => { listState.page--; renderTasks(); }, text: t('tasks.prev') }),
      h('span', { text: ' ' + listState.page + ' ' }),
      h('button', { type: 'button', disabled: !page.hasMore, onclick: () => { listState.page++; renderTasks(); }, text: t('tasks.next') }))));
  // Live: every change of any of the account's tasks updates (or, on page 1, adds) its row.
  follow(gen, '/vedit/v1/events', (task) => {
    const row = rows.get(task.taskId);
    if (row) {
      row.status = task.status;
      row.progress = task.progress;
    } else if (listState.page === 1) {
      rows.set(task.taskId, { taskId: task.taskId, status: task.status, progress: task.progress, endpoint: '', prompt: '', createdAt: Date.now() });
      const ordered = [...rows.entries()].sort((a, b) => (b[0] > a[0] ? 1 : -1));
      rows.clear();
      ordered.forEach(([k, v]) => rows.set(k, v));
    }
    draw();
  });
}

function limitsText(m) {
  const l = m.limits;
  const video = m.fields.find((f) => f.type === 'VIDEO');
  const parts = [];
  if (video) parts.push((video.formats.length ? video.formats.join('/') : 'video') + (l.videoMaxSeconds > 0 ? ', ' + t('new.upTo') + ' ' + l.videoMaxSeconds + ' ' + t('new.seconds') : '')
    + (video.maxSizeMB ? ', ' + video.maxSizeMB + ' ' + t('new.mb') : ''));
  return parts.join('; ');
}

function upload(file, bar) {
  // XMLHttpRequest, since fetch reports no upload progress.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/openapi/v2/media/upload/binary');
    xhr.setRequestHeader('Authorization', 'Bearer ' + key());
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) fill(bar, progressBar(Math.round((e.loaded / e.total) * 100))); };
    xhr.onload = () => {
      let r = {};
      try { r = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (r.code === 0 && r.data) resolve(r.data.download_url);
      else reject(new Error(half(r.msg || r.message || ('HTTP ' + xhr.status))));
    };
    xhr.onerror = () => reject(new Error('upload failed'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

function renderNew() {
  const modelSelect = h('select', { id: 'model' }, models.map((m) => h('option', { value: m.endpoint, text: m.endpoint })));
  const fieldsBox = h('div', { class: 'fields' });
  const preview = h('div', { id: 'preview', class: 'preview', 'aria-live': 'polite' });
  const message = h('div');
  const values = {}; // field name → value (media: URL after upload)
  let timer = null;

  function model() {
    return models.find((m) => m.endpoint === modelSelect.value);
  }

  function body() {
    const b = { model: model().endpoint };
    for (const [k, v] of Object.entries(values)) if (v !== '' && v !== undefined && !(Array.isArray(v) && !v.length)) b[k] = v;
    return b;
  }

  async function check() {
    if (!values.prompt) { fill(preview, ); return; }
    fill(preview, h('p', { class: 'note', text: t('new.checking') }));
    const d = await v1('POST', '/vedit/v1/plan', body());
    if (d.accepted) {
      fill(preview, h('h2', { text: t('new.preview') }),
        h('p', {}, t('new.engine') + ': ', h('code', { text: d.engine })),
        h('ol', { id: 'plan' }, (d.plan.operations || []).map((op) => h('li', {}, h('code', { text: op.op || op.type || '' }), ' ',
          h('span', { class: 'params', text: JSON.stringify(op.params || {}) }), op.source ? h('q', { text: op.source }) : null))));
    } else {
      const text = values.prompt;
      const marked = h('p', { class: 'prompt-marked' });
      let rest = text;
      const refused = (d.refused || []).filter((w) => text.includes(w));
      while (rest.length) {
        const hit = refused.map((w) => [rest.indexOf(w), w]).filter(([i]) => i >= 0).sort((a, b) => a[0] - b[0])[0];
        if (!hit) { marked.append(rest); break; }
        marked.append(rest.slice(0, hit[0]), h('mark', { text: hit[1] }));
        rest = rest.slice(hit[0] + hit[1].length);
      }
      fill(preview, h('h2', { text: t('new.refused') }), marked, h('p', { id: 'refusal', class: 'error', text: d.errorCode + ': ' + half(d.errorMessage) }));
    }
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(() => check().catch((e) => fill(preview, errorBox(e.message))), 300);
  }

  function drawFields() {
    const m = model();
    for (const k of Object.keys(values)) delete values[k];
    fieldsBox.replaceChildren(h('p', { class: 'note' }, t('new.limits') + ': ' + limitsText(m)),
      ...m.fields.map((f) => {
        const id = 'f-' + f.name;
        if (f.defaultValue !== null && f.defaultValue !== undefined) values[f.name] = f.defaultValue;
        let input;
        if (f.name === 'prompt') {
          input = h('textarea', { id, rows: 3, maxlength: f.maxLength || null, oninput: (e) => { values.prompt = e.target.value; later(); } });
        } else if (f.type === 'VIDEO' || f.type === 'IMAGE') {
          const bar = h('span', { class: 'upload' });
          input = h('span', {}, h('input', { id, type: 'file', multiple: f.list, accept: f.type === 'VIDEO' ? 'video/*' : 'image/*',
            onchange: async (e) => {
              const urls = [];
              try {
                for (const file of e.target.files) urls.push(await upload(file, bar));
                values[f.name] = f.list ? urls : urls[0];
                fill(bar, h('span', { class: 'ok', text: t('new.uploaded') }));
                later();
              } catch (err) { fill(bar, errorBox(err.message)); }
            } }), bar);
        } else if (f.type === 'BOOLEAN') {
          input = h('input', { id, type: 'checkbox', checked: f.defaultValue === true, onchange: (e) => { values[f.name] = e.target.checked; later(); } });
        } else if (f.enumValues && f.enumValues.length) {
          input = h('select', { id, onchange: (e) => { values[f.name] = e.target.value; later(); } },
            h('option', { value: '', text: '' }), f.enumValues.map((v) => h('option', { value: v, selected: f.defaultValue === v, text: v })));
        } else if (f.type === 'INT') {
          input = h('input', { id, type: 'number', min: f.min, max: f.max, value: f.defaultValue, onchange: (e) => { values[f.name] = e.target.value === '' ? '' : Number(e.target.value); later(); } });
        } else {
          input = h('input', { id, type: 'text', maxlength: f.maxLength || null, onchange: (e) => { values[f.name] = e.target.value; later(); } });
        }
        const hint = [f.required ? '*' : '', f.formats.length ? f.formats.join('/') : '', f.maxSizeMB ? f.maxSizeMB + ' ' + t('new.mb') : '',
          f.min !== null && f.max !== null ? f.min + '–' + f.max : ''].filter(Boolean).join(' · ');
        return h('label', {}, h('span', {}, f.name + ' ', h('small', { text: hint })), input);
      }));
    fill(preview, );
  }

  modelSelect.addEventListener('change', drawFields);
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    const b = body();
    const path = b.model;
    delete b.model;
    const r = await api('POST', '/openapi/v2/' + path, b);
    if (r.errorCode) { fill(message, errorBox(r.errorCode + ': ' + half(r.errorMessage))); return; }
    location.hash = '#/task/' + r.taskId;
  } },
  h('h1', { text: t('new.title') }), h('label', {}, t('new.model'), modelSelect), fieldsBox, preview, message,
  h('button', { type: 'submit', id: 'submit', text: t('new.submit') }));
  fill(main, form);
  drawFields();
}

async function renderTask(id) {
  const gen = generation;
  let d;
  try {
    d = await v1('GET', '/vedit/v1/tasks/' + id);
  } catch (e) {
    if (current(gen)) fill(main, errorBox(e.message));
    return;
  }
  if (!current(gen)) return;
  const head = h('div', { class: 'task-head' });
  const player = h('div', { class: 'players' });
  const timeline = h('ol', { id: 'timeline' });
  const webhook = h('div', { id: 'webhook' });
  const note = h('div');
  const source = d.request.videoUrl || d.request.video || d.request.video_url || null;

  function drawTask(task) {
    fill(head, h('h1', {}, t('task.title') + ' ', h('code', { text: task.taskId })), statusBadge(task.status), ' ',
      progressBar(task.status === 'SUCCESS' ? 100 : task.progress), ' ', h('span', { class: 'note', text: d.endpoint + ' · ' + d.engine }),
      task.status === 'QUEUED' || task.status === 'RUNNING' ? h('button', { type: 'button', id: 'cancel', onclick: async () => {
        await v1('POST', '/task/openapi/cancel', { taskId: task.taskId }).catch((e) => fill(note, errorBox(e.message)));
        fill(note, h('p', { class: 'note', text: t('task.cancelled') }));
      }, text: t('task.cancel') }) : null,
      task.status === 'FAILED' ? h('p', { id: 'failure', class: 'error', text: task.errorCode + ': ' + half(task.errorMessage) }) : null);
    if (task.status === 'SUCCESS' && task.results && task.results.length && !player.dataset.shown) {
      player.dataset.shown = '1';
      const url = task.results[0].url;
      fill(player, 
        source ? h('figure', {}, h('figcaption', { text: t('task.before') }), h('video', { src: source, controls: true, preload: 'metadata', muted: true })) : null,
        h('figure', {}, h('figcaption', { text: t('task.after') }), h('video', { id: 'result', src: url, controls: true, preload: 'metadata' }),
          h('a', { href: url, download: '', text: t('task.download') })));
    }
  }

  async function drawHistory() {
    const fresh = await v1('GET', '/vedit/v1/tasks/' + id);
    fill(timeline, ...fresh.history.map((e) => h('li', {}, h('time', { text: when(e.at) }), ' ', statusBadge(e.status), ' ',
      t('task.attempt') + ' ' + e.attempt, e.errorCode ? h('span', { class: 'error', text: ' ' + e.errorCode + ': ' + half(e.message || '') }) : null)));
    const w = await api('POST', '/task/openapi/getWebhookDetail', { taskId: id });
    if (w.code === 0 && w.data) {
      fill(webhook, h('p', {}, h('code', { text: w.data.webhookUrl }), ' ', statusBadge(w.data.callbackStatus), ' ', w.data.callbackResponse || ''),
        h('button', { type: 'button', onclick: async () => { await v1('POST', '/task/openapi/retryWebhook', { webhookId: w.data.id }); drawHistory(); }, text: t('task.resend') }));
    } else {
      fill(webhook, h('p', { class: 'note', text: t('task.noWebhook') }));
    }
  }

  const plan = d.task.plan;
  fill(main, h('section', {}, head, note, player,
    h('h2', { text: t('task.plan') }), h('ol', {}, ((plan && plan.operations) || []).map((op) => h('li', {}, h('code', { text: op.op || op.type || '' }), ' ',
      h('span', { class: 'params', text: JSON.stringify(op.params || {}) }), op.source ? h('q', { text: op.source }) : null))),
    h('h2', { text: t('task.timeline') }), timeline,
    h('h2', { text: t('task.webhook') }), webhook));
  drawTask(d.task);
  drawHistory().catch(() => {});
  const update = (task) => {
    const statusChanged = task.status !== d.task.status;
    d.task = task;
    drawTask(task);
    if (statusChanged) drawHistory().catch(() => {});
  };
  follow(gen, '/vedit/v1/tasks/' + id + '/events', update);
  // The stream is the fast path; a proxy that holds it back, or a change that falls between two connections on a
  // loaded machine, must not leave the page showing a task that has ended: until it ends, look every 5 s as well.
  const unfinished = () => d.task.status === 'QUEUED' || d.task.status === 'RUNNING';
  const poll = setInterval(async () => {
    if (!current(gen) || !unfinished()) { clearInterval(poll); return; }
    try {
      const fresh = await v1('GET', '/vedit/v1/tasks/' + id);
      if (current(gen) && (fresh.task.status !== d.task.status || fresh.task.progress !== d.task.progress)) update(fresh.task);
    } catch (e) {
      // the stream or the next look will show it
    }
  }, 5000);
}

async function renderAccount() {
  const gen = generation;
  const me = await v1('GET', '/vedit/v1/account');
  const keys = await v1('GET', '/vedit/v1/keys');
  const accounts = me.operator ? await v1('GET', '/vedit/v1/accounts') : [];
  if (!current(gen)) return;
  const secret = h('code', { id: 'secret', text: '••••••••' });
  const shown = h('div', { id: 'new-key' });
  if (newKey) {
    shown.append(h('p', {}, t('account.shownOnce') + ' ', h('code', { text: newKey })));
    newKey = null;
  }
  const label = h('input', { id: 'key-label', type: 'text', placeholder: t('account.label') });
  const sections = [
    h('h1', { text: t('account.title') + ' · ' + me.name }),
    h('p', {}, t('account.limits') + ': ', h('strong', { id: 'usage', text: me.running + ' / ' + me.concurrency + ' · ' + me.queued + ' / ' + me.queueLimit }),
      me.operator ? h('span', { class: 'status s-operator', text: ' ' + t('account.operator') }) : null),
    h('h2', { text: t('account.secret') }),
    h('p', {}, secret, ' ',
      h('button', { type: 'button', onclick: async () => { secret.textContent = (await v1('POST', '/uc/openapi/webhookSecret', {})).secret; }, text: t('account.show') }), ' ',
      h('button', { type: 'button', onclick: async () => { secret.textContent = (await v1('POST', '/uc/openapi/webhookSecret/rotate', {})).secret; }, text: t('account.rotate') })),
    h('h2', { text: t('account.keys') }),
    h('form', { class: 'inline', onsubmit: async (e) => {
      e.preventDefault();
      const made = await v1('POST', '/vedit/v1/keys', { label: label.value });
      fill(shown, h('p', {}, t('account.shownOnce') + ' ', h('code', { text: made.key })));
      renderKeys(await v1('GET', '/vedit/v1/keys'));
    } }, label, h('button', { type: 'submit', id: 'create-key', text: t('account.newKey') })),
    shown,
  ];
  const keyTable = h('table', { id: 'keys' });
  function renderKeys(list) {
    fill(keyTable, h('tr', {}, ['ID', t('account.label'), t('account.name'), t('account.created'), t('account.lastUsed'), ''].map((x) => h('th', { text: x }))),
      ...list.map((k) => h('tr', { 'data-key': k.id },
        h('td', { text: k.id + ' (' + k.prefix + '…)' }), h('td', { text: k.label || '' }), h('td', { text: k.accountName + (k.operator ? ' · ' + t('account.operator') : '') }),
        h('td', { text: when(k.createdAt) }), h('td', { text: k.lastUsedAt ? when(k.lastUsedAt) : t('account.never') }),
        h('td', {}, k.revokedAt ? h('span', { class: 'status s-failed', text: t('account.revoked') })
          : h('button', { type: 'button', class: 'revoke', onclick: async () => { await v1('POST', '/vedit/v1/keys/' + k.id + '/revoke'); renderKeys(await v1('GET', '/vedit/v1/keys')); }, text: t('account.revoke') })))));
  }
  renderKeys(keys);
  sections.push(keyTable);
  if (me.operator) {
    const name = h('input', { id: 'account-name', type: 'text', placeholder: t('account.name') });
    const accTable = h('table', { id: 'accounts' }, h('tr', {}, ['ID', t('account.name'), t('account.concurrency'), t('account.queue'), t('account.limits'), t('account.lastUsed')].map((x) => h('th', { text: x }))),
      accounts.map((a) => {
        const c = h('input', { type: 'number', min: 1, value: a.concurrency, class: 'small' });
        const q = h('input', { type: 'number', min: 1, value: a.queueLimit, class: 'small' });
        return h('tr', { 'data-account': a.id }, h('td', { text: a.id }), h('td', { text: a.name + (a.operator ? ' · ' + t('account.operator') : '') }),
          h('td', {}, c), h('td', {}, q, ' ', h('button', { type: 'button', onclick: async () => {
            await v1('POST', '/vedit/v1/accounts/' + a.id + '/limits', { concurrency: Number(c.value), queue: Number(q.value) });
            renderAccount();
          }, text: t('account.setLimits') })),
          h('td', { text: a.running + ' / ' + a.queued }), h('td', { text: a.lastUsedAt ? when(a.lastUsedAt) : t('account.never') }));
      }));
    sections.push(h('h2', { text: t('account.accounts') }), accTable,
      h('form', { class: 'inline', onsubmit: async (e) => {
        e.preventDefault();
        const made = await v1('POST', '/vedit/v1/accounts', { name: name.value });
        newKey = made.key;
        renderAccount();
      } }, name, h('button', { type: 'submit', id: 'create-account', text: t('account.newAccount') })));
  }
  fill(main, h('section', {}, sections));
}

// ---- start ---------------------------------------------------------------------------------------------

function applyLanguage() {
  setLanguage(language());
  document.getElementById('lang').textContent = t('lang');
  translate();
}

document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'zh' ? 'en' : 'zh');
  applyLanguage();
  if (account) route(); else renderSignIn();
});
document.getElementById('signout').addEventListener('click', () => signOut());
window.addEventListener('hashchange', () => { if (account) route(); });
window.addEventListener('unhandledrejection', (e) => { main.prepend(errorBox(e.reason && e.reason.message ? e.reason.message : String(e.reason))); });
applyLanguage();
if (key()) start(); else renderSignIn();
