using System.ComponentModel.DataAnnotations;

namespace FundLedger.Appropriations;

/// <summary>
/// A district's 政府收支分类科目 (支出功能分类) for a year, or part of it: codes and their names, recorded as an event. The
/// service ships the lists of the years its samples use; a list loaded here adds codes to the year's list and renames the ones
/// it repeats. <c>listId</c> is the business key: the same list again is answered as the first time, another body under it
/// is 409.
/// </summary>
public sealed record LoadFunctionClassificationRequest
{
    [Required] public string? ListId { get; init; }
    /// <summary>Where the list comes from, e.g. 财政部《2022年政府收支分类科目》.</summary>
    [Required] public string? Source { get; init; }
    [Required] public IReadOnlyList<ClassificationCodeInput?>? Codes { get; init; }
}

/// <summary>One 类 (3 digits), 款 (5) or 项 (7) code and its name.</summary>
public sealed record ClassificationCodeInput
{
    [Required] public string? Code { get; init; }
    [Required] public string? Name { get; init; }
}

/// <summary>A code of the year's list, where its name comes from (<c>shipped</c>, or the listId that loaded it).</summary>
public sealed record ClassificationEntry(string Code, string Name, string Level, string Source);

/// <summary>A list a district loaded: who, when, from where, and how many codes.</summary>
public sealed record ClassificationListSummary(
    string ListId, string Source, int Codes, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>GET …/years/{year}/classifications/function</c>: the year's code list as the reports name codes by it.</summary>
public sealed record FunctionClassificationList(
    int Year, string Shipped, IReadOnlyList<ClassificationEntry> Codes, IReadOnlyList<ClassificationListSummary> Loaded);

/// <summary>
/// <c>GET …/years/{year}/classifications/economic</c>: the 部门预算支出经济分类 revision in force in the year (the first year
/// it
/// applies and where it comes from) and its codes, 类 (3 digits) and 款 (5).
/// </summary>
public sealed record EconomicClassificationList(int Year, int EffectiveFrom, string Source, IReadOnlyList<ClassificationEntry> Codes);
