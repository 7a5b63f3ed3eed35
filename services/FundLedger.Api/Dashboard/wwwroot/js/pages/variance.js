import { el, fill, table, rec } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { view, get, yearPath } from '../api.js';
import { wan, pct, wanText } from '../format.js';
import { chart, tip } from '../charts.js';
import { debounce } from '../ui.js';

// 年初预算 → 追加, 调减, 结转, 结余/收回 → 决算 per class, section or item, with the generated explanation; every reason
// links to the events behind it.
export async function render(root, { params }) {
  let level = params.get('level') ?? 'section';
  let selected = params.get('code');
  const levelSelect = el('select', { id: 'level', 'aria-label': t('level'), onchange: () => { level = levelSelect.value; selected = null; load(); } },
    ['class', 'section', 'item'].map(l => el('option', { value: l, selected: l === level }, t(l))));
  const waterfall = el('div', { class: 'chart', id: 'chart-waterfall' });
  const nodes = el('div', { id: 'variance-nodes' });
  const title = el('h2', { id: 'waterfall-title' });
  root.append(el('h1', {}, `${t('variance')} · ${view.year}`), el('div', { class: 'filters' }, t('level'), ' ', levelSelect), title, waterfall, nodes);
  let instance = null;

  async function load() {
    const report = await get(yearPath('/variance'), { level, lang: currentLang() });
    const node = report.nodes.find(n => n.code === selected) ?? report.nodes[0];
    selected = node?.code ?? null;
    fill(nodes, table([
      { label: t('code'), value: n => el('a', { href: '#', onclick: e => { e.preventDefault(); selected = n.code; load(); } }, n.code) },
      { label: t('name'), value: n => n.unknownCode ? el('span', { class: 'flag' }, t('unknownCode')) : rec(n.name) },
      { label: t('original'), value: n => wan(n.original), num: true },
      { label: t('final'), value: n => wan(n.final), num: true },
      { label: t('change'), value: n => wan(n.change), num: true },
      { label: '%', value: n => n.changePercent === null ? '' : pct(n.changePercent), num: true },
      { label: t('reasons'), value: n => el('div', {}, el('div', { class: 'explanation rec' }, n.explanation),
        el('ul', { class: 'reasons' }, n.reasons.filter(r => r.sequences.length).map(r =>
          el('li', {}, el('a', { href: `#/events/${r.sequences.join(',')}`, class: 'reason-link rec', 'data-kind': r.kind }, r.label), ` ${wanText(r.amount)} ${t('wan')}`)))) },
    ], report.nodes, { rowProps: n => ({ 'data-code': n.code, class: n.code === selected ? 'selected' : null }) }));
    if (!node) { title.textContent = t('nothing'); return; }
    fill(title, `${t('waterfall')}: ${node.code} `, rec(node.name));
    draw(node);
  }

  // The steps of the waterfall are the kinds of reason (追加, 调减, 结转, 结余/收回, …), each the sum of its reasons.
  const kinds = { 'new-line': ['新增', 'New lines'], supplement: ['追加', 'Supplements'], reduction: ['调减/收回', 'Reductions'],
    'carry-forward': ['结转', 'Carried forward'], lapse: ['结余', 'Lapsed'], unexplained: ['未说明', 'Unexplained'] };

  function draw(node) {
    const zh = currentLang() === 'zh';
    const byKind = Object.keys(kinds).map(k => ({ name: kinds[k][zh ? 0 : 1], value: node.reasons.filter(r => r.kind === k).reduce((a, r) => a + r.amount, 0),
      present: node.reasons.some(r => r.kind === k) })).filter(k => k.present);
    const steps = [{ name: t('original'), value: node.original, total: true }, ...byKind, { name: t('final'), value: node.final, total: true }];
    let running = 0;
    const base = [], up = [], down = [];
    for (const s of steps) {
      const v = Number(wanText(s.value));
      if (s.total) { base.push(0); up.push(v); down.push('-'); running = v; continue; }
      const next = running + v;
      base.push(Math.min(running, next));
      up.push(v >= 0 ? v : '-');
      down.push(v < 0 ? -v : '-');
      running = next;
    }
    const option = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: params => {
        const step = steps[params[0].dataIndex];
        return tip(step.name, ['', `${wanText(step.value)} ${t('wan')}`]);
      } }, grid: { left: 70, right: 20, top: 20, bottom: 70 },
      xAxis: { type: 'category', data: steps.map(s => s.name), axisLabel: { interval: 0, rotate: 20, width: 110, overflow: 'truncate' } },
      yAxis: { type: 'value', name: t('wan') },
      series: [
        { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, tooltip: { show: false } },
        { type: 'bar', stack: 'w', name: '+', data: up, itemStyle: { color: '#b22d2d' } },
        { type: 'bar', stack: 'w', name: '−', data: down, itemStyle: { color: '#2e7d32' } },
      ],
    };
    if (instance) instance.setOption(option, true); else chart(waterfall, option, t('waterfall')).then(c => { instance = c; });
  }

  await load();
  return { refresh: debounce(load) };
}
