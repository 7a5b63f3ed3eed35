using System.Text.Json;
using CsCheck;
using FundLedger.Appropriations;
using FundLedger.Reporting;

namespace FundLedger.Tests.Reporting;

/// <summary>Execution sums moved line by line (as the line cache moves them) always equal the report summed from scratch.</summary>
public sealed class ExecutionSumsTests
{
    private static readonly Gen<(int Line, int Section, decimal Paid)[]> Changes =
        Gen.Select(Gen.Int[0, 9], Gen.Int[1, 3], Gen.Int[1, 500].Select(p => p * 0.25m)).Array[1, 60];

    [Fact]
    public void Sums_moved_by_each_changed_line_equal_the_report_summed_again_for_every_dimension() =>
        Changes.Sample(changes =>
        {
            var lines = new Dictionary<string, Appropriation>();
            var moved = ExecutionGrouping.Dimensions.Select(by => new ExecutionSums(by)).ToList();
            foreach (var (index, section, paid) in changes)
            {
                var code = $"P{index}";
                var before = lines.GetValueOrDefault(code);
                var after = before is null
                    ? Build.Line(1_000m, code: code, functionClass: $"20{section}0899", department: $"D{index % 3}")
                    : before.Then(
                        Build.Paid(code, $"V{before.Version}", paid, new DateOnly(2020, 1 + (int)(paid % 12), 1)), before.Version + 1);
                lines[code] = after;
                foreach (var sums in moved) sums.Change(before, after);
            }
            foreach (var sums in moved)
                Assert.Equal(JsonSerializer.Serialize(ExecutionGrouping.Build(2020, sums.By, lines.Values)),
                    JsonSerializer.Serialize(sums.Report(2020)));
        }, iter: 200);
}
