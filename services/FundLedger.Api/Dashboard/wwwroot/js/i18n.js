// zh by default; the en switch is remembered in this browser. Every word a person reads comes from here: the API's wire
// names (event types, kinds, fund sources, changes) are shown through label(), never as they are sent.
const words = {
  execution: ['执行', 'Execution'], variance: ['预决算差异', 'Variance'], yoy: ['同比', 'Year over year'], report: ['决算说明', 'Final accounts notes'],
  performance: ['绩效评价', 'Performance'], audit: ['审计', 'Audit'], docs: ['API 文档', 'API reference'],
  district: ['区划', 'District'], year: ['年度', 'Year'], asOf: ['截至', 'As of'], now: ['最新', 'Now'], signOut: ['退出', 'Sign out'],
  open: ['执行中', 'open'], closed: ['已结账', 'closed'], signIn: ['登录', 'Sign in'], signInOidc: ['通过统一身份认证登录', 'Sign in with the identity provider'],
  pasteToken: ['粘贴 run.sh 打印的令牌或整行 export TOKEN=…（仅保存在本标签页的会话存储中）',
    'Paste the token run.sh printed, or its whole export TOKEN=… line (kept in this tab\'s session storage only)'],
  tokenMalformed: ['这不是令牌：应为 header.payload.signature 三段式 JWT', 'This is not a token: a JWT has three parts, header.payload.signature'],
  tokenExpired: ['令牌已于 {0} 过期，请重新生成', 'The token expired at {0}; mint a new one'],
  tokenNoDistrict: ['令牌未授予任何区划', 'The token grants no district'],
  tokenRefused: ['服务拒绝了该令牌：{0}', 'The service refused the token: {0}'],
  tokenNoScope: ['令牌缺少读取报表的权限（reports:read）', 'The token lacks the scope to read reports (reports:read)'],
  adjusted: ['全年预算数', 'Adjusted'], original: ['年初预算数', 'Original'], executed: ['全年执行数', 'Executed'], rate: ['执行率', 'Rate'],
  available: ['可用余额', 'Available'], carried: ['结转', 'Carried'], lapsed: ['结余/收回', 'Lapsed'], supplements: ['追加', 'Supplements'], reductions: ['调减', 'Reductions'],
  code: ['编码', 'Code'], name: ['名称', 'Name'], department: ['预算单位', 'Department'], functionClass: ['功能分类', 'Function class'], economicClass: ['经济分类', 'Economic class'],
  basicExpense: ['人员经费 / 公用经费', 'Personnel / running costs'], kind: ['类型', 'Kind'],
  fundSource: ['资金来源', 'Fund source'], quarter: ['季度', 'Quarter'], project: ['项目', 'Project'], basic: ['基本支出', 'Basic'], all: ['全部', 'All'],
  groupBy: ['分组', 'Group by'], filter: ['筛选', 'Filter'], previous: ['上一页', 'Previous'], next: ['下一页', 'Next'],
  quarterly: ['分季度执行', 'Execution by quarter'], ratePerProject: ['项目执行率', 'Execution rate per project'],
  appropriations: ['预算指标', 'Appropriations'], history: ['事件记录', 'Event history'], quarters: ['季度执行', 'Quarters'],
  carriedTo: ['结转至', 'Carried to'], carriedFrom: ['结转自', 'Carried from'], level: ['层级', 'Level'],
  class: ['类', 'Class'], section: ['款', 'Section'], item: ['项', 'Item'], final: ['决算数', 'Final'], change: ['变动', 'Change'],
  accounts: ['决算报表', 'Final accounts tables'], downloadWorkbook: ['下载电子表格', 'Download the workbook'], checks: ['审核', 'Checks'],
  checksOk: ['全部审核规则通过', 'Every check passed'],
  checksDefiniteOk: ['确定性审核规则全部通过，以下疑似或提示项请核实', 'Every definite check passed; the suspect and hint items below are worth a look'],
  severity: ['性质', 'Severity'], appendix: ['附：', 'Appendix: '],
  threePublic: ['“三公”经费决算', 'Three public expenses'], threePublicBudget: ['“三公”经费年初预算', 'Their original budget'],
  procurement: ['政府采购支出', 'Government procurement'], smeShare: ['授予中小企业占比', 'Share awarded to SMEs'],
  reasons: ['原因', 'Reasons'], events: ['事件', 'Events'], download: ['下载 Markdown', 'Download markdown'],
  summary: ['绩效评价情况', 'Summary'], evaluationType: ['评价类型', 'Evaluation'], eventType: ['事件类型', 'Event type'],
  total: ['总分', 'Total'], grade: ['等级', 'Grade'], flags: ['核对提示', 'Flags'],
  executionScore: ['执行率得分', 'Execution score'], chain: ['哈希链', 'Hash chain'], chainHead: ['链头哈希', 'Chain head'], verify: ['立即校验', 'Verify now'],
  intact: ['完整', 'intact'], broken: ['有断点', 'broken'], projections: ['投影', 'Projections'], consistent: ['一致', 'consistent'],
  inconsistent: ['不一致', 'inconsistent'],
  fromSequence: ['起始序号', 'From sequence'], toSequence: ['截止序号', 'To sequence'], recordedFrom: ['记录时间自', 'Recorded from'],
  recordedTo: ['记录时间至', 'Recorded before'], allTypes: ['全部类型', 'All types'],
  stream: ['事件流', 'Stream'], sequence: ['序号', 'Sequence'], recordedAt: ['记录时间', 'Recorded at'],
  who: ['记录人', 'Recorded by'], load: ['查询', 'Load'], noAccess: ['该令牌无权查看此内容', 'This token may not read this'],
  newEvent: ['新记录', 'New'], projects: ['项目数', 'Projects'], lines: ['指标数', 'Lines'], previousYear: ['上年', 'Previous year'], difference: ['增减', 'Difference'],
  waterfall: ['年初预算 → 决算', 'Original budget → final'], amount: ['金额', 'Amount'], nothing: ['无数据', 'Nothing recorded'],
  excellent: ['优', 'excellent'], good: ['良', 'good'], fair: ['中', 'fair'], poor: ['差', 'poor'], wan: ['万元', '10k yuan'],
  goal: ['年度总体目标', 'Overall goal'], unknownCode: ['未列入本年科目表', 'not in the year\'s code list'],
  pastView: ['历史视图：各页显示截至 {0} 已记录的数据，新记录不会显示。', 'Past view: every page shows the ledger as recorded at {0}; new records are not shown.'],
  liveExpired: ['令牌已过期，实时更新已停止；请重新登录', 'The token has expired and live updates stopped; sign in again'],
  liveBusy: ['实时更新暂不可用，稍后自动重试', 'Live updates are busy; retrying shortly'],
  eventsFound: ['共 {0} 条', '{0} events'], chart: ['图表', 'Chart'], live: ['实时更新', 'Live updates'],
  tokenLabel: ['令牌', 'Token'], language: ['语言', 'Language'],
};

// Wire names the API answers, and how a person reads them.
const labels = {
  appropriation_enacted: ['指标下达', 'Appropriation enacted'], appropriation_supplemented: ['追加', 'Supplement'],
  appropriation_reduced: ['调减', 'Reduction'], disbursement_recorded: ['国库支付', 'Disbursement'],
  disbursement_reversed: ['冲销', 'Reversal'], appropriation_carried_over: ['上年结转指标', 'Carried over from last year'],
  balance_carried_forward: ['结转', 'Carried forward'], balance_lapsed: ['结余收回', 'Lapsed'], fiscal_year_closed: ['年终结账', 'Year closed'],
  performance_goals_set: ['设定绩效目标', 'Performance goals set'], performance_evaluated: ['绩效评价', 'Performance evaluated'],
  function_classification_loaded: ['载入功能分类科目', 'Function classification loaded'],
  department_profile_recorded: ['单位基本情况', 'Unit facts recorded'], procurement_contract_signed: ['政府采购合同', 'Procurement contract'],
  surplus_distributed: ['结余分配', 'Surplus distributed'],
  opening_balance_adjusted: ['调整年初结转和结余', 'Opening balance restated'], economic_budget_shifted: ['经济分类调剂', 'Budget moved between classes'],
  'upper-remittance': ['上缴上级支出', 'Remitted upward'], operating: ['经营', 'Operating'], 'affiliated-subsidy': ['对附属单位补助', 'Subsidy to affiliates'],
  'upper-subsidy': ['上级补助', 'Upper-level subsidy'], business: ['事业收入', 'Business income'], affiliated: ['附属单位上缴', 'From affiliates'],
  'non-fiscal-surplus': ['使用非财政拨款结余', 'Surplus of earlier years'],
  basic: ['基本支出', 'Basic'], project: ['项目支出', 'Project'],
  'general-budget': ['一般公共预算', 'General budget'], 'government-fund': ['政府性基金', 'Government fund'],
  'state-capital': ['国有资本经营', 'State capital'], 'carried-over': ['上年结转', 'Carried over'], other: ['其他资金', 'Other funds'],
  new: ['新增', 'new'], increase: ['增加', 'up'], decrease: ['减少', 'down'], unchanged: ['持平', 'unchanged'],
  department: ['部门评价', 'department evaluation'], self: ['单位自评', 'self-evaluation'],
  hard: ['刚性控制', 'hard control'], advisory: ['预警控制', 'advisory'],
  definite: ['确定', 'definite'], suspect: ['疑似', 'suspect'], hint: ['提示', 'hint'],
};

let lang = localStorage.getItem('fundledger.lang') === 'en' ? 'en' : 'zh';
const pick = pair => pair[lang === 'zh' ? 0 : 1];

// A word of the UI, with {0}, {1} … filled in.
export const t = (key, ...args) => pick(words[key] ?? [key, key]).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
// A wire name as a person reads it; one this page does not know is shown as it came, so nothing is hidden.
export const label = wire => labels[wire] ? pick(labels[wire]) : String(wire ?? '');
export const wireNames = () => Object.keys(labels);
export const currentLang = () => lang;
export function setLang(next) {
  lang = next;
  localStorage.setItem('fundledger.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}
export function translateStatic(root = document) {
  for (const node of root.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  for (const node of root.querySelectorAll('[data-t-label]')) node.setAttribute('aria-label', t(node.dataset.tLabel));
}
