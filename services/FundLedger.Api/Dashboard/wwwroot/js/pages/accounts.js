import { el, fill, table, rec } from '../dom.js';
import { t, label } from '../i18n.js';
import { view, get, getBlob, yearPath } from '../api.js';
import { wan } from '../format.js';
import { card, debounce, departmentPicker } from '../ui.js';

// The nine standard tables of the 部门决算 as the service builds them, their 审核 rules, and the workbook to download.
// Table titles, column and row names are the published ones, in Chinese in either language: shown as recorded text.
export async function render(root, { params }) {
  const picker = await departmentPicker(params, () => load());
  const checks = el('div', { id: 'checks' });
  const body = el('div', { id: 'accounts' });
  const download = el('button', { type: 'button', id: 'download-xlsx', disabled: true, onclick: async () => {
    const blob = await getBlob(yearPath('/final-accounts'), { department: picker.value(), format: 'xlsx' });
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: `final-accounts-${view.district}-${view.year}-${picker.value()}.xlsx` });
    document.body.append(a); a.click(); a.remove(); URL.revokeObjectURL(url);
  } }, t('downloadWorkbook'));
  root.append(el('h1', {}, `${t('accounts')} · ${view.year}`), el('div', { class: 'filters' }, picker.control, download), checks, body);

  const side = (tableData, which) => ({
    columns: tableData.columns.filter(c => c.side === which), rows: tableData.rows.filter(r => r.side === which),
  });
  const grid = (columns, rows, codes) => table([
    ...(codes ? [{ label: t('code'), value: r => rec(r.code ?? '') }] : []),
    { label: t('name'), value: r => rec(r.name) },
    ...columns.map(c => ({ label: rec(c.name), value: r => r.cells[c.key] ? wan(r.cells[c.key].yuan) : '', num: true })),
  ], rows, { rowProps: r => ({ class: `level-${r.level}` }) });

  async function load() {
    if (!picker.value()) { fill(body, el('p', { class: 'muted' }, t('nothing'))); return; }
    download.disabled = true;
    const [accounts, audit] = await Promise.all([
      get(yearPath('/final-accounts'), { department: picker.value() }),
      get(yearPath('/final-accounts/checks'), { department: picker.value() }),
    ]);
    const failed = audit.rules.filter(r => !r.passed);
    fill(checks,
      el('div', { class: 'cards' }, card(t('checks'), `${audit.rules.length - failed.length} / ${audit.rules.length}`, 'checks-passed')),
      failed.length === 0 ? el('p', { id: 'checks-ok' }, t('checksOk'))
        : audit.passed ? el('p', { id: 'checks-definite-ok' }, t('checksDefiniteOk')) : null,
      failed.length === 0 ? null
        : table([{ label: t('code'), value: r => r.id }, { label: t('severity'), value: r => label(r.severity) },
          { label: t('reasons'), value: r => rec(`${r.description}: ${r.detail}`) }], failed, { rowProps: r => ({ dataset: { rule: r.id } }) }));
    const tables = ['incomeExpenditureSummary', 'income', 'expenditure', 'appropriationSummary', 'generalBudgetExpenditure',
      'generalBudgetBasicExpenditure', 'threePublicExpenses', 'governmentFund', 'stateCapital'].map(key => accounts[key]);
    const balances = accounts.balancesByFund;
    fill(body, tables.map(x => el('section', { class: 'final-table', dataset: { key: x.key } },
      el('h2', {}, rec(`${x.number}. ${x.title}`)),
      x.columns.some(c => c.side)
        ? [grid(side(x, 'income').columns, side(x, 'income').rows, false), grid(side(x, 'expenditure').columns, side(x, 'expenditure').rows, true)]
        : grid(x.columns, x.rows, true),
      x.emptyNote ? el('p', { class: 'muted' }, rec(x.emptyNote)) : null)),
    // Not one of the nine: 结转和结余 by where the money came from, as an appendix.
    balances ? el('aside', { class: 'final-table', dataset: { key: balances.key } },
      el('h2', {}, t('appendix'), rec(balances.title)), grid(balances.columns, balances.rows, false)) : null);
    download.disabled = false;
  }
  await load();
  return { refresh: debounce(load) };
}
