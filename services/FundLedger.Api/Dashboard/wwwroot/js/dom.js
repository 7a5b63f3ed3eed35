// Builds DOM without innerHTML: every text a recorded event carries goes in as text, never as markup.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) { node.replaceChildren(); return node; }

// Replaces a node's children; null, undefined and false are skipped (the DOM's own append would write "null").
export function fill(node, ...children) { return append(clear(node), children); }

// Recorded text (a name, a reason, a voucher): always a text node, marked so the page's language checks can tell it from the UI.
export const rec = text => el('span', { class: 'rec' }, text ?? '');

// A table from column definitions: { label, value(row) → Node|string, num, sort } and the rows.
export function table(columns, rows, { onSort, sorted, desc, rowProps } = {}) {
  const head = el('tr', {}, columns.map(c => el('th', {
    class: [c.num ? 'num' : '', c.sort && c.sort === sorted ? `sorted${desc ? ' desc' : ''}` : ''].join(' ').trim() || null,
    'data-sort': c.sort ?? null,
    onclick: c.sort && onSort ? () => onSort(c.sort) : null,
  }, c.label)));
  const body = rows.map(r => el('tr', rowProps ? rowProps(r) : {}, columns.map(c => el('td', { class: c.num ? 'num' : null }, c.value(r)))));
  return el('table', {}, el('thead', {}, head), el('tbody', {}, body));
}
