// zh by default; the en switch is remembered in this browser.
const words = {
  execution: ['执行', 'Execution'], variance: ['预决算差异', 'Variance'], yoy: ['同比', 'Year over year'], report: ['决算说明', 'Final accounts notes'],
  performance: ['绩效评价', 'Performance'], audit: ['审计', 'Audit'], docs: ['API 文档', 'API reference'],
  district: ['区划', 'District'], year: ['年度', 'Year'], asOf: ['截至', 'As of'], now: ['最新', 'Now'], signOut: ['退出', 'Sign out'],
  open: ['执行中', 'open'], closed: ['已结账', 'closed'], signIn: ['登录', 'Sign in'], signInOidc: ['通过统一身份认证登录', 'Sign in with the identity provider'],
  pasteToken: ['粘贴 run.sh 打印的令牌（仅保存在本标签页的会话存储中）', 'Paste the token run.sh printed (kept in this tab\'s session storage only)'],
  badToken: ['令牌无效或已过期', 'The token is not valid or has expired'],
  adjusted: ['全年预算数', 'Adjusted'], original: ['年初预算数', 'Original'], executed: ['全年执行数', 'Executed'], rate: ['执行率', 'Rate'],
  available: ['可用余额', 'Available'], carried: ['结转', 'Carried'], lapsed: ['结余/收回', 'Lapsed'], supplements: ['追加', 'Supplements'], reductions: ['调减', 'Reductions'],
  code: ['编码', 'Code'], name: ['名称', 'Name'], department: ['预算单位', 'Department'], functionClass: ['功能分类', 'Function class'], kind: ['类型', 'Kind'],
  fundSource: ['资金来源', 'Fund source'], quarter: ['季度', 'Quarter'], project: ['项目', 'Project'], basic: ['基本支出', 'Basic'], all: ['全部', 'All'],
  groupBy: ['分组', 'Group by'], filter: ['筛选', 'Filter'], previous: ['上一页', 'Previous'], next: ['下一页', 'Next'],
  quarterly: ['分季度执行', 'Execution by quarter'], ratePerProject: ['项目执行率', 'Execution rate per project'],
  appropriations: ['预算指标', 'Appropriations'], history: ['事件记录', 'Event history'], quarters: ['季度执行', 'Quarters'],
  carriedTo: ['结转至', 'Carried to'], carriedFrom: ['结转自', 'Carried from'], level: ['层级', 'Level'],
  class: ['类', 'Class'], section: ['款', 'Section'], item: ['项', 'Item'], final: ['决算数', 'Final'], change: ['变动', 'Change'],
  reasons: ['原因', 'Reasons'], events: ['事件', 'Events'], download: ['下载 Markdown', 'Download markdown'],
  summary: ['绩效评价情况', 'Summary'], type: ['评价类型', 'Type'], total: ['总分', 'Total'], grade: ['等级', 'Grade'], flags: ['核对提示', 'Flags'],
  executionScore: ['执行率得分', 'Execution score'], chain: ['哈希链', 'Hash chain'], verify: ['立即校验', 'Verify now'],
  intact: ['完整', 'intact'], broken: ['有断点', 'broken'], projections: ['投影', 'Projections'], consistent: ['一致', 'consistent'],
  fromSequence: ['起始序号', 'From sequence'], stream: ['事件流', 'Stream'], sequence: ['序号', 'Sequence'], recordedAt: ['记录时间', 'Recorded at'],
  who: ['记录人', 'Recorded by'], load: ['查询', 'Load'], noAccess: ['该令牌无权查看此内容', 'This token may not read this'],
  newEvent: ['新记录', 'New'], projects: ['项目数', 'Projects'], lines: ['指标数', 'Lines'], previousYear: ['上年', 'Previous year'], difference: ['增减', 'Difference'],
  waterfall: ['年初预算 → 决算', 'Original budget → final'], amount: ['金额', 'Amount'], nothing: ['无数据', 'Nothing recorded'],
  department_evaluation: ['部门评价', 'department evaluation'], self_evaluation: ['单位自评', 'self-evaluation'],
  excellent: ['优', 'excellent'], good: ['良', 'good'], fair: ['中', 'fair'], poor: ['差', 'poor'], wan: ['万元', '10k yuan'],
  goal: ['年度总体目标', 'Overall goal'],
};

let lang = localStorage.getItem('fundledger.lang') === 'en' ? 'en' : 'zh';

export const t = key => (words[key] ?? [key, key])[lang === 'zh' ? 0 : 1];
export const currentLang = () => lang;
export function setLang(next) {
  lang = next;
  localStorage.setItem('fundledger.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}
export function translateStatic(root = document) {
  for (const node of root.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
}
