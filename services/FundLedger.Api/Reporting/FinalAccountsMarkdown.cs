using System.Globalization;
using System.Text;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>
/// The nine tables as markdown (and after them the balances by fund), 万元 to two places; a two-sided 总表 as its 收入 table and its
/// 支出 table. Every name is escaped as a table cell (recorded text is data in any renderer).
/// </summary>
public static class FinalAccountsMarkdown
{
    public static string Write(FinalAccounts accounts)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(MarkdownText.Escape($"{accounts.DepartmentName}{accounts.Year}年度部门决算报表"))
            .AppendLine().AppendLine();
        foreach (var table in accounts.Tables())
        {
            md.Append("## ").AppendLine(MarkdownText.Escape(FinalAccountsWorkbook.SheetName(table))).AppendLine();
            md.AppendLine(MarkdownText.Escape($"金额单位：{table.Unit}")).AppendLine();
            if (table.Columns.Any(c => c.Side is not null))
            {
                Grid(md, "收入", table.Columns.Where(c => c.Side == "income").ToList(), table.Rows.Where(r => r.Side == "income"),
                    codes: false);
                Grid(md, "支出", table.Columns.Where(c => c.Side == "expenditure").ToList(),
                    table.Rows.Where(r => r.Side == "expenditure"),
                    codes: true);
            }
            else Grid(md, null, table.Columns, table.Rows, codes: true);
            if (table.EmptyNote is { } note) md.AppendLine(MarkdownText.Escape($"注：{note}")).AppendLine();
        }
        if (accounts.BalancesByFund is { } balances)
        {
            md.Append("## ").AppendLine(MarkdownText.Escape($"附：{balances.Title}")).AppendLine();
            md.AppendLine(MarkdownText.Escape($"金额单位：{balances.Unit}")).AppendLine();
            Grid(md, null, balances.Columns, balances.Rows, codes: false);
        }
        return md.ToString();
    }

    private static void Grid(StringBuilder md, string? side, IReadOnlyList<TableColumn> columns, IEnumerable<TableRow> rows, bool codes)
    {
        var heads = new List<string>();
        if (codes) heads.Add("科目编码");
        heads.Add(side is null ? "科目名称" : $"{side} 项目");
        heads.AddRange(columns.Select(c => c.Name));
        md.Append("| ").AppendJoin(" | ", heads.Select(MarkdownText.Cell)).AppendLine(" |");
        md.Append('|').AppendJoin("", heads.Select((_, i) => i < (codes ? 2 : 1) ? " --- |" : " ---: |")).AppendLine();
        foreach (var row in rows)
        {
            var cells = new List<string>();
            if (codes) cells.Add(MarkdownText.Cell(row.Code ?? ""));
            cells.Add(MarkdownText.Cell(row.Name));
            cells.AddRange(columns.Select(c => row.Cells.TryGetValue(c.Key, out var cell)
                ? cell.Wan.ToString("0.00", CultureInfo.InvariantCulture) : ""));
            md.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");
        }
        md.AppendLine();
    }
}
