using System.Text.Json.Serialization;

namespace FundLedger.Appropriations;

/// <summary>
/// One voucher's payment and what has been reversed of it: the state a reversal decides on, found by voucher
/// number without reading the appropriation's whole stream. Recording a payment (the hot path) writes this
/// document without reading it first; only a reversal, which is rare, reads it back.
/// </summary>
public sealed record Disbursement
{
    /// <summary>The voucher number, unique within a district.</summary>
    public string Id { get; init; } = "";
    public string AppropriationCode { get; init; } = "";
    public int Year { get; init; }
    public Money Amount { get; init; }
    public Money Reversed { get; init; }
    public DateOnly PaidOn { get; init; }
    /// <summary>The 经济分类 the payment named, if it named one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? EconomicClass { get; init; }
    /// <summary>The procurement contract it was paid under, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ContractNo { get; init; }
    /// <summary>The kind of 公务用车运行维护 it was, if it named one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public VehicleExpense? VehicleExpense { get; init; }

    [JsonIgnore] public Money Remaining => Amount - Reversed;

    /// <summary>The voucher's fold: created by its payment, changed by each reversal of it.</summary>
    public static Disbursement Fold(Disbursement? current, object e) => e switch
    {
        DisbursementRecorded paid => new Disbursement
        {
            Id = paid.VoucherNo, AppropriationCode = paid.AppropriationCode, Year = paid.Year, Amount = paid.Amount, PaidOn = paid.PaidOn,
            EconomicClass = paid.EconomicClass, ContractNo = paid.ContractNo, VehicleExpense = paid.VehicleExpense,
        },
        DisbursementReversed reversal when current is not null => current with { Reversed = current.Reversed + reversal.Amount },
        DisbursementReversed reversal =>
            throw new InvalidOperationException($"reversal of voucher {reversal.VoucherNo}, which was never recorded"),
        _ => throw new ArgumentException($"{e.GetType().Name} is not an event of a voucher"),
    };
}
