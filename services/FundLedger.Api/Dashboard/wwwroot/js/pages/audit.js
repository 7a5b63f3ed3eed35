import { el, clear, table } from '../dom.js';
import { t } from '../i18n.js';
import { get, getNdjson, districtPath } from '../api.js';
import { time } from '../format.js';
import { problem, debounce } from '../ui.js';
import { scopes } from '../auth.js';

// Chain status and the event feed, for a token with audit:read.
export async function render(root, { params }) {
  root.append(el('h1', {}, t('audit')));
  if (!scopes().includes('audit:read')) { root.append(el('p', { class: 'error' }, t('noAccess'))); return null; }
  const status = el('div', { id: 'chain-status', class: 'cards' });
  const verify = el('button', { type: 'button', id: 'verify', onclick: () => check() }, t('verify'));
  const from = el('input', { id: 'from-sequence', type: 'number', min: 0, value: params.get('from') ?? 0 });
  const stream = el('input', { id: 'stream', type: 'search', placeholder: '2020/P01', value: params.get('stream') ?? '' });
  const type = el('input', { id: 'type', type: 'search', placeholder: 'disbursement_recorded' });
  const feed = el('div', { id: 'feed' });
  root.append(el('h2', {}, t('chain'), ' ', verify), status, el('h2', {}, t('events')),
    el('form', { class: 'filters', onsubmit: e => { e.preventDefault(); load(); } },
      t('fromSequence'), from, t('stream'), stream, t('type'), type, el('button', { type: 'submit' }, t('load'))), feed);

  async function check() {
    clear(status).append(el('span', { class: 'muted' }, '…'));
    try {
      const v = await get(districtPath('/audit/verify'), {}, { asOf: false });
      clear(status).append(
        el('div', { class: 'card' }, el('div', { class: 'k' }, t('chain')), el('div', { class: 'v', id: 'chain-intact' }, v.chain.intact ? `✓ ${t('intact')}` : `✗ ${t('broken')}`),
          el('div', { class: 'muted' }, `${v.chain.links} / ${v.chain.events}`)),
        el('div', { class: 'card' }, el('div', { class: 'k' }, t('projections')), el('div', { class: 'v' }, v.projections.consistent ? `✓ ${t('consistent')}` : '✗'),
          el('div', { class: 'muted' }, v.projections.appropriations)),
        el('div', { class: 'card' }, el('div', { class: 'k' }, 'head'), el('div', { class: 'muted', style: 'word-break: break-all' }, v.chain.head ?? '')));
    } catch (e) { clear(status).append(problem(e)); }
  }

  async function load() {
    const events = await getNdjson(districtPath('/audit/events'), { fromSequence: from.value || 0, limit: 200, stream: stream.value || null });
    const shown = events.filter(e => !type.value || e.type.includes(type.value));
    clear(feed).append(table([
      { label: t('sequence'), value: e => el('a', { href: `#/events/${e.sequence}` }, e.sequence), num: true },
      { label: t('stream'), value: e => e.stream }, { label: t('type'), value: e => e.type },
      { label: t('who'), value: e => e.user ?? '' }, { label: t('recordedAt'), value: e => time(e.recordedAt) },
    ], shown));
  }

  await Promise.all([check(), load()]);
  return { refresh: debounce(load) };
}
