using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace FundLedger.Reporting;

/// <summary>
/// The nine tables as one XLSX workbook, a sheet per table in the published layout (title, unit line, header, rows; the
/// two 总表 with 收入 on the left and 支出 on the right), written with the Open XML SDK. A figure is a number: the exact 元
/// divided by 10,000, shown in 万元 with 2 decimals, so the cell keeps the exact amount and reads as published. Text is
/// always a string cell, never a formula. Each sheet prints landscape on one page wide, its header repeated.
/// </summary>
public static class FinalAccountsWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint Text = 1, Number = 2, Title = 3, Header = 4, Note = 5;

    public static byte[] Write(FinalAccounts accounts)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var names = new DefinedNames();
            uint id = 1;
            // The nine, then the balances by fund as an appendix sheet (not one of the standard tables).
            foreach (var table in accounts.Tables().Concat(accounts.BalancesByFund is { } b ? [b] : []))
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var sheetName = SheetName(table);
                part.Worksheet = Sheet(accounts, table, out var headerRow);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = sheetName });
                names.Append(new DefinedName($"'{sheetName}'!$1:${headerRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = id - 1 });
                id++;
            }
            workbook.Workbook.Append(names);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>表N (附 for the appendix) and the title, within the 31 characters a sheet name may have.</summary>
    public static string SheetName(FinalAccountsTable table)
    {
        var name = table.Number is >= 1 and <= 9
            ? $"表{"一二三四五六七八九"[table.Number - 1]} {table.Title}"
            : $"附 {table.Title}";
        return name.Length <= 31 ? name : name[..31];
    }

    private static Worksheet Sheet(FinalAccounts accounts, FinalAccountsTable table, out int headerRow)
    {
        var twoSided = table.Columns.Any(c => c.Side is not null);
        var left = twoSided ? table.Columns.Where(c => c.Side == "income").ToList() : [];
        var right = twoSided ? table.Columns.Where(c => c.Side == "expenditure").ToList() : table.Columns.ToList();
        // Single-sided: 科目编码, 科目名称, the figures. Two-sided: 项目, its figures | 科目编码, 项目, the figures.
        var rightStart = twoSided ? 1 + left.Count : 0;
        var width = rightStart + 2 + right.Count;
        var data = new SheetData();
        var r = 0;
        Row Next() { var row = new Row { RowIndex = (uint)++r }; data.Append(row); return row; }
        Next().Append(TextCell(0, r, table.Title, Title));
        Next().Append(TextCell(0, r,
            $"单位：{accounts.DepartmentName}（{accounts.Department}）    {accounts.Year}年度    金额单位：{table.Unit}",
                Text));
        var header = Next();
        // Two lines for the longer column names, which wrap.
        header.Height = 28;
        header.CustomHeight = true;
        if (twoSided)
        {
            header.Append(TextCell(0, r, "收入 项目", Header));
            for (var i = 0; i < left.Count; i++) header.Append(TextCell(1 + i, r, left[i].Name, Header));
        }
        header.Append(TextCell(rightStart, r, "科目编码", Header));
        header.Append(TextCell(rightStart + 1, r, twoSided ? "支出 项目" : "科目名称", Header));
        for (var i = 0; i < right.Count; i++) header.Append(TextCell(rightStart + 2 + i, r, right[i].Name, Header));
        headerRow = r;

        var incomeRows = twoSided ? table.Rows.Where(x => x.Side == "income").ToList() : [];
        var otherRows = twoSided ? table.Rows.Where(x => x.Side == "expenditure").ToList() : table.Rows.ToList();
        for (var i = 0; i < Math.Max(incomeRows.Count, otherRows.Count); i++)
        {
            var row = Next();
            if (i < incomeRows.Count)
            {
                row.Append(TextCell(0, r, incomeRows[i].Name, Text));
                for (var c = 0; c < left.Count; c++) row.Append(Figure(1 + c, r, incomeRows[i], left[c].Key));
            }
            if (i >= otherRows.Count) continue;
            row.Append(TextCell(rightStart, r, otherRows[i].Code ?? "", Text));
            row.Append(TextCell(rightStart + 1, r, otherRows[i].Name, Text));
            for (var c = 0; c < right.Count; c++) row.Append(Figure(rightStart + 2 + c, r, otherRows[i], right[c].Key));
        }
        var noteRow = 0;
        if (table.EmptyNote is { } note)
        {
            Next().Append(TextCell(0, r, $"注：{note}", Note));
            noteRow = r;
        }

        var columns = new Columns();
        for (var c = 0; c < width; c++)
        {
            var wide = twoSided ? c == 0 || c == rightStart + 1 : c == 1;
            columns.Append(new Column
            {
                Min = (uint)c + 1, Max = (uint)c + 1, Width = wide ? 40 : c == rightStart ? 12 : 16,
                CustomWidth = true
            });
        }
        return new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView { WorkbookViewId = 0, View = SheetViewValues.PageLayout }),
            columns, data,
            new MergeCells(new[] { 1, 2, noteRow }.Where(n => n > 0)
                .Select(n => new MergeCell { Reference = $"A{n}:{Column(width - 1)}{n}" })),
            new PrintOptions { HorizontalCentered = true },
            new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 },
            new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9, FitToWidth = 1, FitToHeight = 0 });
    }

    private static Cell Figure(int column, int row, TableRow data, string key) => data.Cells.TryGetValue(key, out var cell)
        ? new Cell
        {
            CellReference = $"{Column(column)}{row}", StyleIndex = Number, DataType = CellValues.Number,
            CellValue = new CellValue(cell.Yuan / 10_000m),
        }
        : new Cell { CellReference = $"{Column(column)}{row}", StyleIndex = Number };

    private static Cell TextCell(int column, int row, string text, uint style) => new()
    {
        CellReference = $"{Column(column)}{row}", StyleIndex = style, DataType = CellValues.InlineString,
        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }),
    };

    public static string Column(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);

    private static Stylesheet Styles()
    {
        var thin = new Border(new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        return new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 10 }), new Font(new Bold(), new FontSize { Val = 14 }), new Font(new Bold(),
                new FontSize { Val = 10 })),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border(), thin),
            new CellFormats(
                new CellFormat(),
                new CellFormat { BorderId = 1, ApplyBorder = true },
                // Built-in format 4 is #,##0.00: 万元 to two places, the exact value kept in the cell.
                new CellFormat { BorderId = 1, NumberFormatId = 4, ApplyNumberFormat = true, ApplyBorder = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center })
                {
                    FontId = 1, ApplyFont = true,
                    ApplyAlignment = true
                },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, WrapText = true })
                { FontId = 2, BorderId = 1, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(new Alignment { WrapText = true }) { ApplyAlignment = true }));
    }
}
