import { el, fill, table, rec } from '../dom.js';
import { t, label, currentLang } from '../i18n.js';
import { view, get, yearPath } from '../api.js';
import { wan, pct } from '../format.js';
import { render as markdown } from '../markdown.js';
import { debounce, departmentPicker } from '../ui.js';

// 绩效自评: a department's summary, each project's total, grade and flags; a project's own table on click. A year with
// several departments offers them (the summary is a department's).
export async function render(root, { args, params }) {
  const [code] = args;
  const body = el('div');

  async function loadProject() {
    const text = await get(yearPath(`/appropriations/${encodeURIComponent(code)}/performance`), { format: 'markdown', lang: currentLang() }, { text: true });
    fill(body, el('p', {}, el('a', { href: '#/performance' }, `← ${t('performance')}`)), el('div', { id: 'sheet' }, markdown(text)));
  }

  const picker = code ? null : await departmentPicker(params, () => loadSummary());
  async function loadSummary() {
    if (!picker.value()) { fill(body, el('p', { class: 'muted' }, t('nothing'))); return; }
    const s = await get(yearPath('/performance'), { department: picker.value(), lang: currentLang() });
    const bands = ['excellent', 'good', 'fair', 'poor'];
    fill(body,
      el('h1', {}, `${t('performance')} · ${view.year} · `, rec(s.departmentName)),
      el('div', { class: 'explanation rec', id: 'performance-paragraph' }, s.paragraph),
      table([
        { label: t('evaluationType'), value: r => label(r.type) }, { label: t('projects'), value: r => r.count, num: true },
        { label: t('adjusted'), value: r => wan(r.amount), num: true },
        ...bands.map(b => ({ label: t(b), value: r => r.grades[b], num: true })),
      ], s.byType),
      el('h2', {}, t('project')),
      table([
        { label: t('code'), value: p => el('a', { href: `#/performance/${encodeURIComponent(p.code)}` }, p.code) },
        { label: t('name'), value: p => rec(p.name) }, { label: t('evaluationType'), value: p => p.type ? label(p.type) : '' },
        { label: t('adjusted'), value: p => wan(p.adjusted), num: true }, { label: t('rate'), value: p => pct(p.executionRate), num: true },
        { label: t('executionScore'), value: p => p.executionScore ?? '', num: true }, { label: t('total'), value: p => p.total ?? '', num: true },
        { label: t('grade'), value: p => p.grade ? el('span', { class: `grade-${p.grade}` }, t(p.grade)) : '' },
        { label: t('flags'), value: p => p.flags || '', num: true },
      ], s.scores, { rowProps: p => ({ 'data-code': p.code }) }));
  }

  if (picker) root.append(el('div', { class: 'filters' }, picker.control));
  root.append(body);
  const load = code ? loadProject : loadSummary;
  await load();
  return { refresh: debounce(load) };
}
