import { el } from './dom.js';
import { t } from './i18n.js';
import { ApiError } from './api.js';

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
