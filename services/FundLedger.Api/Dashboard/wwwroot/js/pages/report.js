import { el, clear } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { view, get, yearPath } from '../api.js';
import { render as markdown } from '../markdown.js';
import { debounce } from '../ui.js';

// The 决算说明 as the service writes it (markdown), rendered here and downloadable as the file itself.
export async function render(root, { params }) {
  const departments = (await get(yearPath('/execution'), { by: 'department' })).rows;
  let department = params.get('department') ?? departments[0]?.key;
  const select = el('select', { id: 'department', onchange: () => { department = select.value; load(); } },
    departments.map(d => el('option', { value: d.key, selected: d.key === department }, `${d.key} ${d.name ?? ''}`)));
  const body = el('div', { id: 'report' });
  let text = '';
  const download = el('button', { type: 'button', id: 'download', disabled: true, onclick: () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    const a = el('a', { href: url, download: `决算说明-${view.district}-${view.year}-${department}-${currentLang()}.md` });
    document.body.append(a); a.click(); a.remove(); URL.revokeObjectURL(url);
  } }, t('download'));
  root.append(el('h1', {}, `${t('report')} · ${view.year}`), el('div', { class: 'filters' }, t('department'), ' ', select, download), body);

  async function load() {
    if (!department) { clear(body).append(el('p', { class: 'muted' }, t('nothing'))); return; }
    download.disabled = true;
    text = await get(yearPath('/report'), { department, lang: currentLang(), format: 'markdown' }, { text: true });
    clear(body).append(markdown(text));
    download.disabled = false;
  }
  await load();
  return { refresh: debounce(load) };
}
