import { el, rec } from '../dom.js';
import { t, label } from '../i18n.js';
import { getNdjson, districtPath } from '../api.js';
import { time } from '../format.js';

// The events behind a figure (a variance reason, a history row): each as recorded, with who, when and its chain link.
export async function render(root, { args }) {
  const sequences = (args[0] ?? '').split(',').filter(s => /^\d{1,18}$/.test(s)).map(Number).filter(n => n > 0).slice(0, 50);
  root.append(el('h1', {}, `${t('events')} ${sequences.join(', ')}`));
  const found = await Promise.all(sequences.map(s =>
    getNdjson(districtPath('/audit/events'), { fromSequence: s, toSequence: s, limit: 1 }).then(e => e[0])));
  for (const e of found.filter(e => e)) {
    const [year, code] = e.stream.split('/');
    root.append(el('div', { class: 'card event', 'data-sequence': e.sequence },
      el('div', { class: 'k' }, `#${e.sequence} · `, el('span', { 'data-type': e.type }, label(e.type)), ` · ${time(e.recordedAt)} · `, rec(e.user ?? '')),
      /^\d{4}$/.test(year) && code ? el('p', {}, el('a', { href: `#/appropriation/${year}/${encodeURIComponent(code)}`, class: 'event-stream stream-id' }, e.stream)) : el('p', { class: 'stream-id' }, e.stream),
      el('pre', { class: 'json rec', tabindex: 0 }, JSON.stringify(e.data, null, 2)),
      el('div', { class: 'muted hash' }, `#${e.chainPosition ?? ''} ${e.hash ?? ''}`)));
  }
}
