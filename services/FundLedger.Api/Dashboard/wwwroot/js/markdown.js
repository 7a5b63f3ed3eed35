import { el } from './dom.js';

// Renders the service's own markdown (headings, paragraphs, lists, tables, <br> in cells) as DOM, text as text.
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

function cells(row) {
  const parts = [];
  let current = '';
  for (let i = 1; i < row.length; i++) {
    if (row[i] === '\\' && row[i + 1] === '|') { current += '|'; i++; }
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

const entities = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

// **bold**, `code`, <br> and the entities the service escapes; nothing else is markup.
function inline(text) {
  const out = [];
  for (const [i, part] of text.split(/<br>/).entries()) {
    if (i > 0) out.push(el('br'));
    for (const piece of part.split(/(\*\*[^*]+\*\*|`[^`]+`)/)) {
      const plain = s => s.replace(/&(amp|lt|gt|quot|#39);/g, m => entities[m]);
      if (piece.startsWith('**') && piece.endsWith('**') && piece.length > 4) out.push(el('strong', {}, plain(piece.slice(2, -2))));
      else if (piece.startsWith('`') && piece.endsWith('`') && piece.length > 2) out.push(el('code', {}, plain(piece.slice(1, -1))));
      else if (piece) out.push(plain(piece));
    }
  }
  return out;
}
