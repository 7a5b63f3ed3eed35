import { el, fill, table, rec } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, getNdjsonPage, districtPath } from '../api.js';
import { time } from '../format.js';
import { problem, debounce } from '../ui.js';
import { scopes } from '../auth.js';

const PAGE = 200;
const types = ['appropriation_enacted', 'appropriation_supplemented', 'appropriation_reduced', 'disbursement_recorded', 'disbursement_reversed',
  'appropriation_carried_over', 'balance_carried_forward', 'balance_lapsed', 'fiscal_year_closed', 'performance_goals_set', 'performance_evaluated',
  'function_classification_loaded'];

// Chain status and the event feed, for a token with audit:read. Every filter is answered by the server, page by page.
export async function render(root, { params }) {
  root.append(el('h1', {}, t('audit')));
  if (!scopes().includes('audit:read')) { root.append(el('p', { class: 'error' }, t('noAccess'))); return null; }
  const status = el('div', { id: 'chain-status', class: 'cards' });
  const verify = el('button', { type: 'button', id: 'verify', onclick: () => check() }, t('verify'));
  const input = (id, key, props) => el('label', {}, t(key), ' ', el('input', { id, ...props }));
  const filters = el('form', { class: 'filters', id: 'audit-filters', onsubmit: e => { e.preventDefault(); pages.length = 0; load(1); } },
    input('from-sequence', 'fromSequence', { type: 'number', min: 0, value: params.get('from') ?? '' }),
    input('to-sequence', 'toSequence', { type: 'number', min: 0, value: params.get('to') ?? '' }),
    input('stream', 'stream', { type: 'search', placeholder: '2020/P01', value: params.get('stream') ?? '' }),
    el('label', {}, t('eventType'), ' ', el('select', { id: 'type' }, el('option', { value: '' }, t('allTypes')),
      types.map(ty => el('option', { value: ty, selected: ty === params.get('type') }, label(ty))))),
    input('recorded-from', 'recordedFrom', { type: 'datetime-local', step: 1 }),
    input('recorded-to', 'recordedTo', { type: 'datetime-local', step: 1 }),
    el('button', { type: 'submit' }, t('load')));
  const feed = el('div', { id: 'feed' });
  const pager = el('div', { class: 'pager', id: 'feed-pager' });
  root.append(el('h2', {}, t('chain'), ' ', verify), status, el('h2', {}, t('events')), filters, feed, pager);
  const value = id => filters.querySelector(`#${id}`).value;
  const instant = id => value(id) ? new Date(value(id)).toISOString() : null;
  // The first sequence of every page seen, so "previous" goes back exactly.
  const pages = [];

  async function check() {
    fill(status, el('span', { class: 'muted' }, '…'));
    try {
      const v = await get(districtPath('/audit/verify'), {}, { asOf: false });
      fill(status,
        el('div', { class: 'card' }, el('div', { class: 'k' }, t('chain')), el('div', { class: 'v', id: 'chain-intact' }, v.chain.intact ? `✓ ${t('intact')}` : `✗ ${t('broken')}`),
          el('div', { class: 'muted' }, `${v.chain.links} / ${v.chain.events}`)),
        el('div', { class: 'card' }, el('div', { class: 'k' }, t('projections')),
          el('div', { class: 'v' }, v.projections.consistent ? `✓ ${t('consistent')}` : `✗ ${t('inconsistent')}`),
          el('div', { class: 'muted' }, v.projections.appropriations)),
        el('div', { class: 'card' }, el('div', { class: 'k' }, t('chainHead')), el('div', { class: 'muted hash' }, v.chain.head ?? '')));
    } catch (e) { fill(status, problem(e)); }
  }

  async function load(fromSequence) {
    try {
      const { items, next } = await getNdjsonPage(districtPath('/audit/events'), {
        fromSequence: fromSequence ?? (value('from-sequence') || 1), toSequence: value('to-sequence'), limit: PAGE, stream: value('stream'),
        type: value('type'), recordedFrom: instant('recorded-from'), recordedTo: instant('recorded-to'),
      });
      const first = Number(fromSequence ?? (value('from-sequence') || 1));
      if (pages.at(-1) !== first) pages.push(first);
      fill(feed, el('p', { class: 'muted', id: 'feed-count' }, t('eventsFound', items.length)), table([
        { label: t('sequence'), value: e => el('a', { href: `#/events/${e.sequence}` }, e.sequence), num: true },
        { label: t('stream'), value: e => el('span', { class: 'stream-id' }, e.stream) }, { label: t('eventType'), value: e => el('span', { 'data-type': e.type }, label(e.type)) },
        { label: t('who'), value: e => rec(e.user ?? '') }, { label: t('recordedAt'), value: e => time(e.recordedAt) },
      ], items, { rowProps: e => ({ 'data-sequence': e.sequence }) }));
      fill(pager,
        el('button', { type: 'button', id: 'feed-previous', disabled: pages.length < 2, onclick: () => { pages.pop(); load(pages.pop()); } }, t('previous')),
        el('button', { type: 'button', id: 'feed-next', disabled: next === null, onclick: () => load(next) }, t('next')));
    } catch (e) { fill(feed, problem(e)); }
  }

  await Promise.all([check(), load()]);
  return { refresh: debounce(() => load(pages.at(-1))) };
}
