import { el, fill, table, rec } from '../dom.js';
import { t, label, currentLang } from '../i18n.js';
import { view, get, yearPath } from '../api.js';
import { wan, pct } from '../format.js';
import { card, debounce } from '../ui.js';

export async function render(root) {
  const body = el('div');
  root.append(el('h1', {}, `${t('yoy')} · ${view.year}`), body);
  async function load() {
    const r = await get(yearPath('/year-over-year'), { lang: currentLang() });
    fill(body,
      el('div', { class: 'cards' }, card(`${r.year}`, wan(r.total)), card(`${r.previousYear}`, wan(r.previousTotal)),
        card(t('difference'), wan(r.change)), card('%', r.changePercent === null ? '' : pct(r.changePercent))),
      el('div', { class: 'explanation rec', id: 'yoy-explanation' }, r.explanation),
      table([
        { label: t('name'), value: l => rec(l.name) }, { label: t('change'), value: l => label(l.change) },
        { label: `${r.year}`, value: l => wan(l.current), num: true }, { label: `${r.previousYear}`, value: l => wan(l.previous), num: true },
        { label: t('difference'), value: l => wan(l.difference), num: true },
      ], r.lines));
  }
  await load();
  return { refresh: debounce(load) };
}
