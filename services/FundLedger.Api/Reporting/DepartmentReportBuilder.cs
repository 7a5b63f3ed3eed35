using System.Text.Json;
using FundLedger.Departments;
using FundLedger.Procurement;
using System.Text;
using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>
/// Composes a department's 决算说明 from its appropriations and their events; all wording comes from
/// <see cref="ExplanationFormatter"/>.
/// </summary>
public static class DepartmentReportBuilder
{
    public static DepartmentReport Build(int year, string department, IReadOnlyList<Appropriation> current,
        IReadOnlyList<Appropriation> previous, IReadOnlyList<LineEvent> events, FunctionClassification codes, Language language,
        PartThree? partThree = null)
    {
        var zh = language.IsChinese;
        var identity = FundIdentity.Of(current);
        var general = current.Where(YearOverYear.Counts).ToList();
        var totals = Totals(current, previous);
        var yoy = YearOverYear.Report(year, current, previous, language);
        var classes = VarianceNodes.Of(year, "class", general, events, codes, language);
        var sections = VarianceNodes.Of(year, "section", general, events, codes, language);
        var figures = new FundIdentityFigures(identity.Opening.Yuan, identity.Income.Yuan, identity.Expenditure.Yuan, identity.Closing.Yuan,
            identity.Unresolved.Yuan, identity.Unresolved == Money.Zero)
        {
            UsedSurplus = identity.UsedSurplus == Money.Zero ? null : identity.UsedSurplus.Yuan,
            Distributed = identity.Distributed == Money.Zero ? null : identity.Distributed.Yuan,
        };
        var name = current.Concat(previous).FirstOrDefault()?.DepartmentName ?? department;

        // The report's own structure (headings, numbers, list items) around text that is escaped whole: recorded names
        // and reasons are inside every sentence, and must read as text in any markdown renderer.
        var md = new StringBuilder();
        void Heading(string prefix, string text) => md.Append(prefix).AppendLine(MarkdownText.Escape(text)).AppendLine();
        void Paragraph(string text) => md.AppendLine(MarkdownText.Escape(text)).AppendLine();
        Heading("# ", ExplanationFormatter.ReportTitle(year, name, zh));
        if (partThree?.Tables is { } tables)
        {
            Heading("# ", ExplanationFormatter.PartHeading(1, year, zh));
            // The nine tables as the final-accounts read writes them, one heading level down.
            foreach (var line in FinalAccountsMarkdown.Write(tables).Split('\n').Skip(2))
                md.AppendLine(line.StartsWith('#') ? "#" + line : line);
        }
        Heading("# ", ExplanationFormatter.PartHeading(2, year, zh));
        if (partThree?.Profile is { } profile)
        {
            Heading("## ", ExplanationFormatter.ReportHeading(1, zh));
            foreach (var line in ExplanationFormatter.UnitFacts(year, name, profile, zh)) Paragraph(line);
        }
        Heading("## ", ExplanationFormatter.ReportHeading(2, zh));
        Paragraph(ExplanationFormatter.Overall(year, totals, zh));
        foreach (var note in ExplanationFormatter.OverallResidues(totals, zh)) Paragraph(note);
        md.AppendLine(MarkdownText.Escape(ExplanationFormatter.Identity(figures, zh))).AppendLine();
        Heading("## ", ExplanationFormatter.ReportHeading(3, zh));
        Paragraph(yoy.Explanation);
        Heading("## ", ExplanationFormatter.ReportHeading(4, zh));
        Paragraph(ExplanationFormatter.GeneralBudgetByClass(year, totals.GeneralBudgetExpenditure, classes, zh));
        if (ExplanationFormatter.ShareResidue(classes.Select(c => (c.Name ?? c.Code, c.Final)).ToList(), totals.GeneralBudgetExpenditure,
                zh) is { } residue)
            Paragraph(residue);
        var n = 0;
        foreach (var c in classes)
        {
            // A 类 prints its headline; the reasons are its 款's, below it, as the published 说明 does.
            md.Append(ExplanationFormatter.Numbered(++n, zh)).AppendLine(MarkdownText.Escape(
                ExplanationFormatter.NodeLine(c with { Explanation = ExplanationFormatter.ClassHeadline(year, c, zh) }, "类", zh)));
            foreach (var s in sections.Where(s => s.Code.StartsWith(c.Code, StringComparison.Ordinal)))
                md.Append("- ").AppendLine(MarkdownText.Escape(ExplanationFormatter.NodeLine(s, "款", zh)));
            md.AppendLine();
        }
        Heading("## ", ExplanationFormatter.ReportHeading(5, zh));
        Paragraph(ExplanationFormatter.FundSpending(
            current.Where(a => a.OriginFundSource == FundSource.GovernmentFund).Sum(a => a.Executed), "政府性基金预算", year, zh));
        Heading("## ", ExplanationFormatter.ReportHeading(6, zh));
        Paragraph(ExplanationFormatter.FundSpending(
            current.Where(a => a.OriginFundSource == FundSource.StateCapital).Sum(a => a.Executed), "国有资本经营预算", year, zh));
        Heading("## ", ExplanationFormatter.ReportHeading(7, zh));
        Paragraph(ExplanationFormatter.Basic(year, totals, zh));
        Paragraph(ExplanationFormatter.BasicByClass(BasicClasses(year, general), zh));

        if (partThree is not null)
        {
            Heading("# ", ExplanationFormatter.PartHeading(3, year, zh));
            Heading("## ", ExplanationFormatter.PartThreeSection(1, zh));
            foreach (var line in ExplanationFormatter.ThreePublic(year, partThree.ThreePublic, zh)) Paragraph(line);
            Heading("## ", ExplanationFormatter.PartThreeSection(2, zh));
            Paragraph(ExplanationFormatter.OfficeRunning(year, partThree.Profile?.UnitType,
                Rounding.ToWanYuan(FinalAccountsTables.OfficeRunning(current)), zh));
            Heading("## ", ExplanationFormatter.PartThreeSection(3, zh));
            Paragraph(ExplanationFormatter.Procurement(year, partThree.Procurement, zh));
            Heading("## ", ExplanationFormatter.PartThreeSection(4, zh));
            Paragraph(ExplanationFormatter.Assets(year, partThree.Profile, zh));
            Heading("## ", ExplanationFormatter.PartThreeSection(5, zh));
            Paragraph(ExplanationFormatter.PurchasedServices(partThree.Profile, zh));
            Heading("## ", ExplanationFormatter.PartThreeSection(6, zh));
            foreach (var term in ExplanationFormatter.Terms(zh)) Paragraph(term);
        }

        var performance = current.Any(a => a.Kind == AppropriationKind.Project)
            ? PerformanceSummaries.Of(year, department, name, current, language)
            : null;
        if (performance is not null)
        {
            Heading("# ", ExplanationFormatter.PartHeading(4, year, zh));
            md.AppendLine(MarkdownText.Escape(performance.Paragraph));
        }

        return new DepartmentReport(
            year, department, name, language.Code, totals, figures, yoy, classes, sections, performance, md.ToString());
    }

    /// <summary>The 说明's totals (二, 三, 七): the fund identity's, by kind and source, this year and last.</summary>
    public static ReportTotals Totals(IReadOnlyList<Appropriation> current, IReadOnlyList<Appropriation> previous)
    {
        var identity = FundIdentity.Of(current);
        var previousIdentity = FundIdentity.Of(previous);
        var general = current.Where(YearOverYear.Counts).ToList();
        var otherIncome = current.Where(a => a.FundSource != FundSource.GeneralBudget).Sum(FinalAccountsTables.Income);
        return new ReportTotals(
            (identity.Opening + identity.Income + identity.UsedSurplus).Yuan,
            (previousIdentity.Opening + previousIdentity.Income + previousIdentity.UsedSurplus).Yuan,
            identity.Income.Yuan, (identity.Income - otherIncome).Yuan, otherIncome.Yuan, identity.Expenditure.Yuan,
            current.Where(a => a.Kind == AppropriationKind.Basic).Sum(a => a.Executed).Yuan,
            current.Where(a => a.Kind == AppropriationKind.Project).Sum(a => a.Executed).Yuan,
            general.Sum(a => a.Executed).Yuan,
            general.Where(a => a.Kind == AppropriationKind.Basic).Sum(a => a.Executed).Yuan,
            previous.Count == 0 ? null : previousIdentity.Income.Yuan, previous.Count == 0 ? null : previousIdentity.Expenditure.Yuan,
            IncomeCategories(current), ExpenditureKinds(current));
    }

    /// <summary>
    /// 本年收入 by the 收入决算表's columns (<see cref="CategoryNames.IncomeColumns"/>), income as the tables count it, keyed
    /// by the columns' wire names.
    /// </summary>
    private static IReadOnlyList<CategoryFigure> IncomeCategories(IReadOnlyList<Appropriation> current) =>
        CategoryNames.IncomeColumns.Select(c => new CategoryFigure(JsonNamingPolicy.KebabCaseLower.ConvertName(c.Key), c.Name,
            current.Where(a => a.CarriedFrom is null && c.Counts(a.FundSource)).Sum(FinalAccountsTables.Income).Yuan)).ToList();

    /// <summary>本年支出 by the 支出决算表's columns (every kind, zero ones too).</summary>
    private static IReadOnlyList<CategoryFigure> ExpenditureKinds(IReadOnlyList<Appropriation> current) =>
        Enum.GetValues<AppropriationKind>().Select(k =>
            new CategoryFigure(Wire.Name(k), CategoryNames.Of(k), current.Where(a => a.Kind == k).Sum(a => a.Executed).Yuan)).ToList();

    /// <summary>七's 经济分类 类 of the general-budget basic lines: each 类 paid on, named by the year's list.</summary>
    public static IReadOnlyList<(string Code, string Name, Money Amount)> BasicClasses(int year, IEnumerable<Appropriation> general)
    {
        var list = EconomicClassification.For(year);
        return general.Where(a => a.Kind == AppropriationKind.Basic).SelectMany(a => a.ExecutedByClass)
            .Where(c => c.Code is not null).GroupBy(c => EconomicClassification.Class(c.Code!)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, list?.Name(g.Key) ?? g.Key, g.Sum(c => c.Executed))).ToList();
    }
}

/// <summary>
/// What the report prints besides the lines' notes: the nine tables (第一部分), the 三公 figures, the year's procurement, and
/// the unit's recorded facts.
/// </summary>
public sealed record PartThree(
    ThreePublicExpensesReport ThreePublic, ProcurementReport Procurement, DepartmentProfileRecorded? Profile, FinalAccounts? Tables = null);
