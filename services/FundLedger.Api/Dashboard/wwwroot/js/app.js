import * as auth from './auth.js';
import { view, get, districtPath } from './api.js';
import { problem } from './ui.js';
import { el, fill } from './dom.js';
import { t, label, currentLang, setLang, translateStatic } from './i18n.js';
import { connect } from './live.js';
import { disposeAll } from './charts.js';
import { time } from './format.js';
import * as execution from './pages/execution.js';
import * as appropriation from './pages/appropriation.js';
import * as variance from './pages/variance.js';
import * as yoy from './pages/yoy.js';
import * as report from './pages/report.js';
import * as accounts from './pages/accounts.js';
import * as performance from './pages/performance.js';
import * as audit from './pages/audit.js';
import * as events from './pages/events.js';

const pages = { execution, appropriation, variance, yoy, report, accounts, performance, audit, events };
const menu = ['execution', 'variance', 'yoy', 'report', 'accounts', 'performance', 'audit'];
const main = document.getElementById('main');
let current = null;       // the page on screen: { refresh(event) } or null
let stopLive = null;
let rendering = 0;

async function start() {
  setLang(currentLang());
  const config = await fetch('config.json').then(r => r.json());
  try { await auth.completeOidc(config); } catch (e) { showError(e); }
  if (!auth.token()) return signIn(config);
  await shell();
}

function signIn(config, message) {
  document.getElementById('controls').hidden = true;
  fill(document.getElementById('nav'));
  const box = el('textarea', { id: 'token', autocomplete: 'off', spellcheck: 'false' });
  const error = el('p', { class: 'error', id: 'signin-error', role: 'alert', hidden: !message }, message ?? '');
  const form = el('form', { class: 'signin', onsubmit: async e => {
    e.preventDefault();
    const refused = await auth.accept(box.value);
    if (refused) { fill(error, refused); error.hidden = false; box.focus(); return; }
    await shell();
  } },
  el('h1', {}, 'FundLedger'), error,
  config.authority ? el('p', {}, el('button', { type: 'button', id: 'oidc', onclick: () => auth.beginOidc(config) }, t('signInOidc'))) : null,
  el('p', {}, el('label', { for: 'token' }, t('pasteToken'))), box,
  el('p', {}, el('button', { type: 'submit', id: 'signin' }, t('signIn'))));
  fill(main, form);
}

async function shell() {
  const districts = auth.districts();
  const saved = JSON.parse(sessionStorage.getItem('fundledger.view') ?? '{}');
  view.district = districts.includes(saved.district) ? saved.district : districts[0];
  view.asOf = saved.asOf ?? null;
  document.getElementById('controls').hidden = false;
  const districtSelect = document.getElementById('district');
  fill(districtSelect, districts.map(d => el('option', { value: d, selected: d === view.district }, d)));
  districtSelect.onchange = async () => { view.district = districtSelect.value; view.year = null; await years(); restartLive(); route(); };
  const asOf = document.getElementById('asof');
  asOf.value = view.asOf ? toLocalInput(view.asOf) : '';
  asOf.onchange = () => { view.asOf = asOf.value ? new Date(asOf.value).toISOString() : null; remember(); years().then(route); };
  document.getElementById('asof-clear').onclick = () => { asOf.value = ''; view.asOf = null; remember(); years().then(route); };
  document.getElementById('lang').onclick = () => { setLang(currentLang() === 'zh' ? 'en' : 'zh'); chrome(); route(); };
  document.getElementById('signout').onclick = () => { auth.signOut(); stopLive?.(); location.hash = ''; location.reload(); };
  document.getElementById('year').onchange = e => { view.year = Number(e.target.value); remember(); yearStatus(); route(); };
  chrome();
  await years(saved.year);
  restartLive();
  window.onhashchange = route;
  await route();
}

function chrome() {
  translateStatic();
  document.getElementById('lang').textContent = currentLang() === 'zh' ? 'EN' : '中文';
  const nav = document.getElementById('nav');
  fill(nav, menu.map(p => el('a', { href: `#/${p}`, id: `nav-${p}` }, t(p))), el('a', { href: '/docs', target: '_blank', rel: 'noopener' }, t('docs')));
  yearStatus();
  pastView();
}

let fiscalYears = [];
// The years the district had (as of the instant shown); the page opens on the latest one with any money executed.
async function years(wanted) {
  fiscalYears = (await get(districtPath('/years'))).years;
  const select = document.getElementById('year');
  const latest = [...fiscalYears].reverse();
  const choice = [wanted, view.year].find(y => fiscalYears.some(f => f.year === y))
    ?? latest.find(f => f.executed > 0)?.year ?? latest[0]?.year ?? new Date().getFullYear();
  view.year = choice;
  fill(select, (fiscalYears.length ? fiscalYears : [{ year: choice }]).map(f => el('option', { value: f.year, selected: f.year === choice }, f.year)));
  remember();
  yearStatus();
  pastView();
}

function yearStatus() {
  const status = fiscalYears.find(f => f.year === view.year);
  const badge = document.getElementById('year-status');
  badge.className = `badge ${status?.closed ? 'closed' : 'open'}`;
  badge.textContent = status?.closed ? t('closed') : t('open');
  badge.dataset.year = view.year;
}

// A page showing the past says so, above every page.
function pastView() {
  let banner = document.getElementById('past-view');
  if (!view.asOf) { banner?.remove(); return; }
  if (!banner) {
    banner = el('div', { id: 'past-view', class: 'past-view', role: 'status' });
    document.querySelector('header.bar').after(banner);
  }
  fill(banner, t('pastView', time(view.asOf)));
}

function remember() {
  sessionStorage.setItem('fundledger.view', JSON.stringify({ district: view.district, year: view.year, asOf: view.asOf }));
}

function restartLive() {
  stopLive?.();
  const dot = document.getElementById('live');
  stopLive = connect(view.district, {
    onState: state => {
      dot.dataset.state = state;
      dot.title = state === 'expired' ? t('liveExpired') : state === 'busy' ? t('liveBusy') : t('live');
      if (state === 'expired') toast(t('liveExpired'));
    },
    onEvent: event => {
      // Reading as of an instant shows the past: new events do not change it.
      if (view.asOf) return;
      if (event.type === 'fiscal_year_closed') years().catch(() => {});
      if (event.year !== view.year || !current?.refresh) return;
      toast(`${t('newEvent')}: ${label(event.type)}${event.code ? ` · ${event.code}` : ''}`);
      current.refresh(event);
    },
  });
}

async function route() {
  const [path, search] = (location.hash.slice(2) || 'execution').split('?');
  const [name, ...segments] = path.split('/');
  const page = Object.hasOwn(pages, name) ? pages[name] : execution;
  const ticket = ++rendering;
  disposeAll();
  current = null;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.id === `nav-${name}`);
  const container = el('section', { id: `page-${Object.hasOwn(pages, name) ? name : 'execution'}` });
  fill(main, container);
  try {
    // Each segment is decoded once, here; the pages encode what they put in a path (and a year must be 4 digits).
    const args = segments.map(s => decodeURIComponent(s));
    const rendered = await page.render(container, { args, params: new URLSearchParams(search ?? ''), lang: currentLang() });
    if (ticket === rendering) current = rendered ?? null;
  } catch (e) {
    if (ticket === rendering) fill(container, problem(e));
  }
}

function showError(e) { fill(main, problem(e)); }

let toastTimer = null;
function toast(text) {
  const node = document.getElementById('toast');
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 3000);
}

function toLocalInput(iso) {
  const d = new Date(iso);
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

start().catch(showError);
