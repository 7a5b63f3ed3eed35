import { el, fill } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { view, get, yearPath } from '../api.js';
import { render as markdown } from '../markdown.js';
import { card, debounce, departmentPicker } from '../ui.js';
import { wan, pct } from '../format.js';

// The 决算说明 as the service writes it (markdown), rendered here and downloadable as the file itself.
export async function render(root, { params }) {
  const picker = await departmentPicker(params, () => load());
  const body = el('div', { id: 'report' });
  const figures = el('div', { class: 'cards', id: 'report-figures' });
  let text = '';
  const download = el('button', { type: 'button', id: 'download', disabled: true, onclick: () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    const a = el('a', { href: url, download: `决算说明-${view.district}-${view.year}-${picker.value()}-${currentLang()}.md` });
    document.body.append(a); a.click(); a.remove(); URL.revokeObjectURL(url);
  } }, t('download'));
  root.append(el('h1', {}, `${t('report')} · ${view.year}`), el('div', { class: 'filters' }, picker.control, download), figures, body);

  async function load() {
    if (!picker.value()) { fill(body, el('p', { class: 'muted' }, t('nothing'))); return; }
    download.disabled = true;
    const department = picker.value();
    const [report, three, procurement] = await Promise.all([
      get(yearPath('/report'), { department, lang: currentLang(), format: 'markdown' }, { text: true }),
      get(yearPath('/three-public-expenses'), { department }),
      get(yearPath('/procurement'), { department }),
    ]);
    text = report;
    // 第三部分's figures at a glance: 三公 against its 年初预算, and the year's 政府采购 with the share awarded to SMEs.
    const total = three.items.find(i => i.item === 'total');
    fill(figures,
      card(t('threePublic'), wan(total.final), 'three-public'), card(t('threePublicBudget'), wan(total.budget), 'three-public-budget'),
      card(t('procurement'), wan(procurement.total.amount), 'procurement'), card(t('smeShare'), pct(procurement.smeShare), 'sme-share'));
    fill(body, markdown(text));
    download.disabled = false;
  }
  await load();
  return { refresh: debounce(load) };
}
