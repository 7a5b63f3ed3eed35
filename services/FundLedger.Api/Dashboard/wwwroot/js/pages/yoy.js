import { el, table } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { view, get, yearPath } from '../api.js';
import { wan, pct } from '../format.js';
import { card, debounce } from '../ui.js';

export async function render(root) {
  const body = el('div');
  root.append(el('h1', {}, `${t('yoy')} · ${view.year}`), body);
  async function load() {
    const r = await get(yearPath('/year-over-year'), { lang: currentLang() });
    body.replaceChildren(
      el('div', { class: 'cards' }, card(`${r.year}`, wan(r.total)), card(`${r.previousYear}`, wan(r.previousTotal)),
        card(t('difference'), wan(r.change)), card('%', r.changePercent === null ? '' : pct(r.changePercent))),
      el('div', { class: 'explanation', id: 'yoy-explanation' }, r.explanation),
      table([
        { label: t('name'), value: l => l.name }, { label: t('change'), value: l => l.change },
        { label: `${r.year}`, value: l => wan(l.current), num: true }, { label: `${r.previousYear}`, value: l => wan(l.previous), num: true },
        { label: t('difference'), value: l => wan(l.difference), num: true },
      ], r.lines));
  }
  await load();
  return { refresh: debounce(load) };
}
