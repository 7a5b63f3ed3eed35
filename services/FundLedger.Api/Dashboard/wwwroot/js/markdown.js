import { el } from './dom.js';

// Renders the service's own markdown (headings, paragraphs, lists, tables, <br> in cells) as DOM, text as text. Recorded
// text arrives backslash-escaped (the service's MarkdownText): an escaped character is that character, an escaped | is not
// a cell break, and nothing but the markup the service writes itself (** **, `code`, <br>) is ever read as markup.
export function render(markdown) {
  const root = el('div', { class: 'markdown' });
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  for (let i = 0; i < lines.length;) {
    const line = lines[i];
    if (!line.trim()) { i++; continue; }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) { root.append(el(`h${Math.min(heading[1].length + 1, 6)}`, {}, inline(heading[2]))); i++; continue; }
    if (line.startsWith('|')) {
      const rows = [];
      while (i < lines.length && lines[i].startsWith('|')) rows.push(lines[i++]);
      root.append(tableOf(rows));
      continue;
    }
    if (/^- /.test(line)) {
      const items = [];
      while (i < lines.length && /^- /.test(lines[i])) items.push(lines[i++].slice(2));
      root.append(el('ul', {}, items.map(item => el('li', {}, inline(item)))));
      continue;
    }
    const paragraph = [];
    while (i < lines.length && lines[i].trim() && !/^(#|\||- )/.test(lines[i])) paragraph.push(lines[i++]);
    root.append(el('p', {}, inline(paragraph.join(' '))));
  }
  return root;
}

// A table row's cells: split at each | that is not escaped; escapes are kept for inline() to read.
function cells(row) {
  const parts = [];
  let current = '';
  for (let i = 1; i < row.length; i++) {
    if (row[i] === '\\' && i + 1 < row.length) { current += row[i] + row[i + 1]; i++; }
    else if (row[i] === '|') { parts.push(current.trim()); current = ''; }
    else current += row[i];
  }
  return parts;
}

function tableOf(rows) {
  const [head, , ...body] = rows;
  return el('table', {},
    el('thead', {}, el('tr', {}, cells(head).map(c => el('th', {}, inline(c))))),
    el('tbody', {}, body.map(r => el('tr', {}, cells(r).map(c => el('td', {}, inline(c)))))));
}

const punctuation = /[!-/:-@[-`{-~]/;

// Text with the service's own inline markup read; a backslash before ASCII punctuation gives that character as text.
function inline(text) {
  const out = [];
  let plain = '';
  const flush = () => { if (plain) out.push(plain); plain = ''; };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && punctuation.test(text[i + 1] ?? '')) { plain += text[++i]; continue; }
    if (text.startsWith('<br>', i)) { flush(); out.push(el('br')); i += 3; continue; }
    const span = c === '*' && text[i + 1] === '*' ? ['**', 'strong'] : c === '`' ? ['`', 'code'] : null;
    const end = span ? text.indexOf(span[0], i + span[0].length) : -1;
    if (span && end > i + span[0].length) {
      flush();
      out.push(el(span[1], {}, inline(text.slice(i + span[0].length, end))));
      i = end + span[0].length - 1;
      continue;
    }
    plain += c;
  }
  flush();
  return out;
}
