import { el, fill } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { view, get, yearPath } from '../api.js';
import { render as markdown } from '../markdown.js';
import { debounce, departmentPicker } from '../ui.js';

// The 决算说明 as the service writes it (markdown), rendered here and downloadable as the file itself.
export async function render(root, { params }) {
  const picker = await departmentPicker(params, () => load());
  const body = el('div', { id: 'report' });
  let text = '';
  const download = el('button', { type: 'button', id: 'download', disabled: true, onclick: () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    const a = el('a', { href: url, download: `决算说明-${view.district}-${view.year}-${picker.value()}-${currentLang()}.md` });
    document.body.append(a); a.click(); a.remove(); URL.revokeObjectURL(url);
  } }, t('download'));
  root.append(el('h1', {}, `${t('report')} · ${view.year}`), el('div', { class: 'filters' }, picker.control, download), body);

  async function load() {
    if (!picker.value()) { fill(body, el('p', { class: 'muted' }, t('nothing'))); return; }
    download.disabled = true;
    text = await get(yearPath('/report'), { department: picker.value(), lang: currentLang(), format: 'markdown' }, { text: true });
    fill(body, markdown(text));
    download.disabled = false;
  }
  await load();
  return { refresh: debounce(load) };
}
