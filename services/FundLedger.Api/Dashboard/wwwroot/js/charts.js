// Apache ECharts, vendored (vendor/echarts): loaded after the first figures are on screen, never from a CDN.
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

export async function chart(node, option) {
  const echarts = await load();
  if (!node.isConnected) return null;
  const instance = echarts.init(node);
  instance.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' }, ...option });
  live.add(instance);
  return instance;
}

export function disposeAll() {
  for (const instance of live) instance.dispose();
  live.clear();
}

window.addEventListener('resize', () => live.forEach(c => c.resize()));
