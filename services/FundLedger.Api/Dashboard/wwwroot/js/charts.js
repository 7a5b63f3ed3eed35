import { el } from './dom.js';

// Apache ECharts, vendored (vendor/echarts): loaded after the first figures are on screen, never from a CDN. Charts draw on
// canvas; their tooltips are DOM nodes built here (tip), never HTML strings: ECharts puts a formatter's string into the page
// as markup, and a recorded name is text.
let loading = null;
const live = new Set();

function load() {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'vendor/echarts/echarts.min.js';
    script.onload = () => resolve(window.echarts);
    script.onerror = () => reject(new Error('ECharts did not load'));
    document.head.append(script);
  });
  return loading;
}

// A tooltip: a title line, then label/value lines; every part a text node.
export function tip(title, ...rows) {
  return el('div', { class: 'tip' }, el('div', { class: 'tip-title' }, title),
    rows.filter(r => r).map(([k, v]) => el('div', {}, k ? `${k}: ` : '', el('strong', {}, v))));
}

// Item tooltips of a one-series chart: the category's name and its value with a unit.
export const itemTip = unit => p => tip(p.name, ['', `${p.value}${unit}`]);

export async function chart(node, option, label) {
  const echarts = await load();
  if (!node.isConnected) return null;
  // A canvas says nothing to a screen reader: the chart's container does.
  node.setAttribute('role', 'img');
  if (label) node.setAttribute('aria-label', label);
  const instance = echarts.init(node);
  // A tooltip placed by a function: with a named position ECharts adds an arrow written as an inline-styled HTML string,
  // which the page's policy (no inline style) refuses.
  const tooltip = option.tooltip ? { position: point => [point[0] + 14, point[1] + 14], ...option.tooltip } : undefined;
  instance.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' }, ...option, tooltip });
  live.add(instance);
  return instance;
}

export function disposeAll() {
  for (const instance of live) instance.dispose();
  live.clear();
}

window.addEventListener('resize', () => live.forEach(c => c.resize()));
