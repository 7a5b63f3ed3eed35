import { el, fill, table, rec } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, yearPath } from '../api.js';
import { wan, pct, wanText, time } from '../format.js';
import { chart, itemTip } from '../charts.js';
import { card, debounce, problem } from '../ui.js';
import { scopes } from '../auth.js';

// One appropriation: its figures, quarters, carry-forwards (linked both ways) and, for an auditor, its event history (as of
// the instant shown, like every figure of the page).
export async function render(root, { args }) {
  const [year, code] = args;
  const path = yearPath(`/appropriations/${encodeURIComponent(code)}`, year);
  const body = el('div');
  root.append(body);

  async function load() {
    const a = await get(path);
    const link = l => el('a', { href: `#/appropriation/${l.year}/${encodeURIComponent(l.code)}`, class: 'carry-link' }, `${l.year} ${l.code}`);
    const quarters = el('div', { class: 'chart', id: 'chart-line-quarters' });
    const history = el('div', { id: 'history' });
    fill(body,
      el('h1', {}, `${a.code} `, rec(a.name)),
      el('p', { class: 'muted' }, rec(a.department.name), ` · ${a.functionClass} · ${label(a.kind)} · ${label(a.fundSource)} · `,
        el('span', { class: `badge ${a.closed ? 'closed' : 'open'}` }, a.closed ? t('closed') : t('open'))),
      el('div', { class: 'cards' }, card(t('original'), wan(a.original)), card(t('supplements'), wan(a.supplements)), card(t('reductions'), wan(a.reductions)),
        card(t('adjusted'), wan(a.adjusted)), card(t('executed'), wan(a.executed), 'line-executed'), card(t('rate'), pct(a.executionRate)),
        card(t('carried'), wan(a.carried)), card(t('lapsed'), wan(a.lapsed)), card(t('available'), wan(a.available))),
      a.carriedFrom ? el('p', { id: 'carried-from' }, `${t('carriedFrom')}: `, link(a.carriedFrom), ` (${wanText(a.carriedFrom.amount)} ${t('wan')})`) : null,
      a.carriedTo.length ? el('p', { id: 'carried-to' }, `${t('carriedTo')}: `, a.carriedTo.map((l, i) => [i ? ', ' : '', link(l), ` (${wanText(l.amount)} ${t('wan')})`])) : null,
      el('h2', {}, t('quarters')), quarters, el('h2', {}, t('history')), history);
    chart(quarters, {
      tooltip: { formatter: itemTip(` ${t('wan')}`) }, grid: { left: 60, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: ['Q1', 'Q2', 'Q3', 'Q4'] }, yAxis: { type: 'value', name: t('wan') },
      series: [{ type: 'bar', data: ['q1', 'q2', 'q3', 'q4'].map(q => Number(wanText(a.quarters[q]))), itemStyle: { color: '#b22d2d' } }],
    }, t('quarters'));
    if (!scopes().includes('audit:read')) { history.append(el('p', { class: 'muted' }, t('noAccess'))); return; }
    try {
      const events = await get(`${path}/events`);
      history.append(table([
        { label: t('sequence'), value: e => el('a', { href: `#/events/${e.sequence}` }, e.sequence), num: true },
        { label: t('eventType'), value: e => el('span', { 'data-type': e.type }, label(e.type)) },
        { label: t('amount'), value: e => e.data?.amount !== undefined ? wan(e.data.amount) : '', num: true },
        { label: t('reasons'), value: e => rec(e.data?.reason ?? e.data?.voucherNo ?? '') },
        { label: t('who'), value: e => rec(e.data?.recordedBy ?? '') },
        { label: t('recordedAt'), value: e => time(e.recordedAt) },
      ], events, { rowProps: e => ({ 'data-sequence': e.sequence }) }));
    } catch (e) { history.append(problem(e)); }
  }

  await load();
  return { refresh: debounce(event => { if (event.code === code) load(); }) };
}
