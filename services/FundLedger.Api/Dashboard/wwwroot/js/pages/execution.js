import { el, fill, table, rec } from '../dom.js';
import { t, label } from '../i18n.js';
import { view, get, yearPath } from '../api.js';
import { wan, pct, wanText } from '../format.js';
import { chart, tip, itemTip } from '../charts.js';
import { card, debounce } from '../ui.js';

// Small groupings are answered whole; projects and lines go through the paged table below, never all at once.
const groupings = ['department', 'function-class', 'function-section', 'function-item', 'economic-class', 'economic-section', 'basic-expense',
  'kind', 'fund-source', 'quarter'];
const PAGE = 50;

// A grouping row's key: a kind or a fund source is a wire name, read as a word; codes are shown as they are.
const groupKey = (by, key) => by === 'kind' || by === 'fund-source' ? label(key) : key;

function groupLabel(g) {
  return { department: t('department'), 'function-class': `${t('functionClass')} · ${t('class')}`, 'function-section': `${t('functionClass')} · ${t('section')}`,
    'function-item': `${t('functionClass')} · ${t('item')}`, 'economic-class': `${t('economicClass')} · ${t('class')}`,
    'economic-section': `${t('economicClass')} · ${t('section')}`, 'basic-expense': t('basicExpense'), kind: t('kind'), 'fund-source': t('fundSource'), quarter: t('quarter') }[g];
}

export async function render(root, { params }) {
  const state = { by: params.get('by') ?? 'function-section', q: '', kind: '', sort: 'code', order: 'asc', offset: 0, groupSort: 'key', groupDesc: false };
  const cards = el('div', { class: 'cards', id: 'totals' });
  const quarterly = el('div', { class: 'chart', id: 'chart-quarters' });
  const rates = el('div', { class: 'chart', id: 'chart-rates' });
  const groupSelect = el('select', { id: 'group-by', 'aria-label': t('groupBy'), onchange: () => { state.by = groupSelect.value; loadGroups(); } },
    groupings.map(g => el('option', { value: g, selected: g === state.by }, groupLabel(g))));
  const groupBox = el('div', { id: 'groups' });
  const search = el('input', { id: 'filter', type: 'search', placeholder: t('filter'), 'aria-label': t('filter'), oninput: debounce(() => { state.q = search.value; state.offset = 0; loadLines(); }) });
  const kind = el('select', { id: 'kind', 'aria-label': t('kind'), onchange: () => { state.kind = kind.value; state.offset = 0; loadLines(); } },
    el('option', { value: '' }, t('all')), el('option', { value: 'project' }, t('project')), el('option', { value: 'basic' }, t('basic')));
  const lines = el('div', { id: 'lines' });
  const pager = el('div', { class: 'pager', id: 'pager' });
  root.append(el('h1', {}, `${t('execution')} · ${view.year}`), cards, el('div', { class: 'grid2' },
    el('div', {}, el('h2', {}, t('quarterly')), quarterly), el('div', {}, el('h2', {}, t('ratePerProject')), rates)),
  el('h2', {}, t('groupBy'), ' ', groupSelect), groupBox,
  el('h2', {}, t('appropriations')), el('div', { class: 'filters' }, search, kind), lines, pager);

  let quarterChart = null, rateChart = null, groupRows = [];

  async function loadTotals() {
    const byQuarter = await get(yearPath('/execution'), { by: 'quarter' });
    const s = byQuarter.totals;
    fill(cards, card(t('adjusted') + `（${t('wan')}）`, wan(s.adjusted), 'total-adjusted'), card(t('executed') + `（${t('wan')}）`, wan(s.executed), 'total-executed'),
      card(t('rate'), pct(s.executionRate), 'total-rate'), card(t('available') + `（${t('wan')}）`, wan(s.available), 'total-available'));
    const option = {
      tooltip: { formatter: itemTip(` ${t('wan')}`) }, grid: { left: 60, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: byQuarter.rows.map(r => r.key.toUpperCase()) },
      yAxis: { type: 'value', name: t('wan') },
      series: [{ type: 'bar', name: t('executed'), data: byQuarter.rows.map(r => Number(wanText(r.executed))), itemStyle: { color: '#b22d2d' } }],
    };
    // Not awaited: the figures are on screen before ECharts has loaded.
    if (quarterChart) quarterChart.setOption(option); else chart(quarterly, option, t('quarterly')).then(c => { quarterChart = c; });
  }

  async function loadRates() {
    const top = await get(yearPath('/appropriations'), { kind: 'project', sort: 'adjusted', order: 'desc', limit: 20 });
    const items = [...top.items].reverse();
    const option = {
      tooltip: { formatter: p => tip(p.name, [t('rate'), `${p.value}%`]) }, grid: { left: 180, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: items.map(a => a.name), axisLabel: { width: 170, overflow: 'truncate' } },
      series: [{ type: 'bar', data: items.map(a => a.executionRate), itemStyle: { color: '#1565c0' } }],
    };
    if (rateChart) rateChart.setOption(option); else rateChart = await chart(rates, option, t('ratePerProject'));
  }

  async function loadGroups() {
    groupRows = (await get(yearPath('/execution'), { by: state.by })).rows;
    drawGroups();
  }

  function drawGroups() {
    const key = { key: r => r.key, adjusted: r => r.adjusted, executed: r => r.executed, rate: r => r.executionRate }[state.groupSort];
    const rows = [...groupRows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (state.groupDesc ? -1 : 1));
    fill(groupBox, table([
      { label: t('code'), value: r => groupKey(state.by, r.key), sort: 'key' },
      { label: t('name'), value: r => r.unknownCode ? el('span', { class: 'flag' }, t('unknownCode')) : rec(r.name) },
      { label: t('lines'), value: r => r.appropriations, num: true },
      { label: t('adjusted'), value: r => wan(r.adjusted), num: true, sort: 'adjusted' },
      { label: t('executed'), value: r => wan(r.executed), num: true, sort: 'executed' },
      { label: t('rate'), value: r => pct(r.executionRate), num: true, sort: 'rate' },
    ], rows, { sorted: state.groupSort, desc: state.groupDesc, onSort: s => { state.groupDesc = state.groupSort === s ? !state.groupDesc : false; state.groupSort = s; drawGroups(); } }));
  }

  async function loadLines() {
    const page = await get(yearPath('/appropriations'), { q: state.q, kind: state.kind, sort: state.sort, order: state.order, offset: state.offset, limit: PAGE });
    fill(lines, table([
      { label: t('code'), value: a => el('a', { href: `#/appropriation/${a.year}/${encodeURIComponent(a.code)}` }, a.code), sort: 'code' },
      { label: t('name'), value: a => rec(a.name), sort: 'name' },
      { label: t('department'), value: a => rec(a.department.name), sort: 'department' },
      { label: t('functionClass'), value: a => a.functionClass, sort: 'function-class' },
      { label: t('adjusted'), value: a => wan(a.adjusted), num: true, sort: 'adjusted' },
      { label: t('executed'), value: a => wan(a.executed), num: true, sort: 'executed' },
      { label: t('rate'), value: a => pct(a.executionRate), num: true, sort: 'rate' },
      { label: t('available'), value: a => wan(a.available), num: true, sort: 'available' },
    ], page.items, {
      sorted: state.sort, desc: state.order === 'desc', rowProps: a => ({ 'data-code': a.code }),
      onSort: s => { state.order = state.sort === s && state.order === 'asc' ? 'desc' : 'asc'; state.sort = s; state.offset = 0; loadLines(); },
    }));
    const first = page.total === 0 ? 0 : page.offset + 1;
    fill(pager,
      el('button', { type: 'button', disabled: page.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - PAGE); loadLines(); } }, t('previous')),
      el('span', { id: 'page-range' }, `${first}–${page.offset + page.count} / ${page.total}`),
      el('button', { type: 'button', disabled: page.offset + page.count >= page.total, onclick: () => { state.offset += PAGE; loadLines(); } }, t('next')));
  }

  // The figures first; the charts once ECharts has loaded.
  await Promise.all([loadTotals(), loadGroups(), loadLines()]);
  performance.mark('fundledger:execution-rendered');
  loadRates();

  return {
    refresh: debounce(async event => {
      await Promise.all([loadTotals(), loadGroups(), loadLines(), loadRates()]);
      const row = lines.querySelector(`tr[data-code="${CSS.escape(event.code ?? '')}"]`);
      row?.classList.add('flash');
    }),
  };
}
