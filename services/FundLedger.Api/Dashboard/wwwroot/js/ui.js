import { el } from './dom.js';
import { t } from './i18n.js';
import { ApiError, get, yearPath } from './api.js';

export function problem(e) {
  if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return el('p', { class: 'error' }, `${t('noAccess')} (${e.status})`);
  return el('p', { class: 'error' }, e.message);
}

export const card = (label, value, id) => el('div', { class: 'card', id }, el('div', { class: 'k' }, label), el('div', { class: 'v' }, value));

export const link = (href, text) => el('a', { href }, text);

// Runs a page's refresh at most once per 300 ms: a batch of 500 payments is one repaint, not 500.
export function debounce(fn, ms = 300) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// The year's departments to choose from (the report and the performance summary are a department's): the one in the
// address (?department=), else the first.
export async function departmentPicker(params, onChange) {
  const departments = (await get(yearPath('/execution'), { by: 'department' })).rows;
  let chosen = params.get('department') ?? departments[0]?.key ?? null;
  const control = el('label', {}, t('department'), ' ', el('select', { id: 'department', onchange: e => { chosen = e.target.value; onChange(); } },
    departments.map(d => el('option', { value: d.key, selected: d.key === chosen }, `${d.key} ${d.name ?? ''}`))));
  return { control, value: () => chosen };
}
