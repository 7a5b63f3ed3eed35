import { el, clear, table } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { view, get, yearPath } from '../api.js';
import { wan, pct } from '../format.js';
import { render as markdown } from '../markdown.js';
import { debounce } from '../ui.js';

// 绩效自评: the department's summary, each project's total, grade and flags; a project's own table on click.
export async function render(root, { args }) {
  const [code] = args;
  const body = el('div');
  root.append(body);

  async function loadProject() {
    const text = await get(yearPath(`/appropriations/${encodeURIComponent(code)}/performance`), { format: 'markdown', lang: currentLang() }, { text: true });
    clear(body).append(el('p', {}, el('a', { href: '#/performance' }, `← ${t('performance')}`)), el('div', { id: 'sheet' }, markdown(text)));
  }

  async function loadSummary() {
    const s = await get(yearPath('/performance'), { lang: currentLang() });
    const bands = ['excellent', 'good', 'fair', 'poor'];
    clear(body).append(
      el('h1', {}, `${t('performance')} · ${view.year} · ${s.departmentName}`),
      el('div', { class: 'explanation', id: 'performance-paragraph' }, s.paragraph),
      table([
        { label: t('type'), value: r => t(`${r.type}_evaluation`) }, { label: t('projects'), value: r => r.count, num: true },
        { label: t('adjusted'), value: r => wan(r.amount), num: true },
        ...bands.map(b => ({ label: t(b), value: r => r.grades[b], num: true })),
      ], s.byType),
      el('h2', {}, t('project')),
      table([
        { label: t('code'), value: p => el('a', { href: `#/performance/${encodeURIComponent(p.code)}` }, p.code) },
        { label: t('name'), value: p => p.name }, { label: t('type'), value: p => t(`${p.type}_evaluation`) },
        { label: t('adjusted'), value: p => wan(p.adjusted), num: true }, { label: t('rate'), value: p => pct(p.executionRate), num: true },
        { label: t('executionScore'), value: p => p.executionScore ?? '', num: true }, { label: t('total'), value: p => p.total, num: true },
        { label: t('grade'), value: p => el('span', { class: `grade-${p.grade}` }, t(p.grade)) },
        { label: t('flags'), value: p => p.flags || '', num: true },
      ], s.scores, { rowProps: p => ({ 'data-code': p.code }) }));
  }

  const load = code ? loadProject : loadSummary;
  await load();
  return { refresh: debounce(load) };
}
