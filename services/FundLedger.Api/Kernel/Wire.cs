using System.Text.Json;

namespace FundLedger.Kernel;

/// <summary>
/// The one naming policy for values the API reads and answers as words: an enum member's name in kebab case
/// (<c>FundSource.GeneralBudget</c> ↔ <c>general-budget</c>). Parsing and answering both come from it, so they cannot drift.
/// </summary>
public static class Wire
{
    private static readonly JsonNamingPolicy Policy = JsonNamingPolicy.KebabCaseLower;

    public static string Name<T>(T value) where T : struct, Enum => Policy.ConvertName(value.ToString());

    /// <summary>Every wire name of an enum, in declaration order, with its member.</summary>
    public static IReadOnlyDictionary<string, T> Names<T>() where T : struct, Enum => Of<T>.Names;

    private static class Of<T> where T : struct, Enum
    {
        public static readonly IReadOnlyDictionary<string, T> Names =
            Enum.GetValues<T>().ToDictionary(v => Policy.ConvertName(v.ToString()), v => v);
    }
}
