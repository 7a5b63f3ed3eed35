using System.Text.Json.Serialization;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>What of 30231 公务用车运行维护费 a payment is, as the 决算说明 itemises it.</summary>
public enum VehicleExpense { Fuel, Repair, Insurance, Other }

/// <summary>
/// “三公”经费: 因公出国（境）费用, 公务接待费 and 公务用车购置及运行维护费, by their 经济分类 款,
/// and the details a payment
/// records on them (公务接待 批次/人次 on 30217, the kind of 公务用车运行维护 on 30231).
/// </summary>
public static class PublicExpenses
{
    public const string TravelAbroad = "30212";
    public const string Hospitality = "30217";
    public const string VehicleUpkeep = "30231";
    public const string VehiclePurchase = "31013";

    public static readonly string[] Classes = [TravelAbroad, Hospitality, VehicleUpkeep, VehiclePurchase];

    public static bool Is(string? economicClass) => economicClass is not null && Classes.Contains(economicClass);

    /// <summary>
    /// Why a payment's 三公 details do not fit the class it is paid on (the one it names, or its line's), or null when they fit.
    /// </summary>
    public static Refusal? CheckDetails(string? paidOn, int? receptions, int? guests, VehicleExpense? vehicle)
    {
        if ((receptions is not null || guests is not null) && paidOn != Hospitality)
            return Refusal.Invalid(receptions is not null ? "receptions" : "guests",
                $"is recorded only on {Hospitality} 公务接待费; this payment is on {paidOn ?? "no economic class"}");
        if (vehicle is not null && paidOn != VehicleUpkeep)
            return Refusal.Invalid("vehicleExpense",
                $"is recorded only on {VehicleUpkeep} 公务用车运行维护费; this payment is on {paidOn ?? "no economic class"}");
        return null;
    }
}

/// <summary>
/// The 三公 details of a line's payments: 公务接待 批次 and 人次 (a reversal refunds money, not a reception held), and
/// 公务用车运行维护 paid as 加油, 维修 and 保险, net of reversals; 其他 is the rest of what was paid on 30231, so a payment
/// that names no kind (or <c>other</c>) counts there. Null on a line none of whose payments carried any.
/// </summary>
public sealed record PublicUse
{
    public int Receptions { get; init; }
    public int Guests { get; init; }
    public Money Fuel { get; init; }
    public Money Repair { get; init; }
    public Money Insurance { get; init; }

    /// <summary>What the named kinds add up to; 其他 is the class's execution less this.</summary>
    [JsonIgnore] public Money Itemised => Fuel + Repair + Insurance;

    public PublicUse Add(int receptions, int guests, VehicleExpense? vehicle, Money amount) => (vehicle switch
    {
        VehicleExpense.Fuel => this with { Fuel = Fuel + amount },
        VehicleExpense.Repair => this with { Repair = Repair + amount },
        VehicleExpense.Insurance => this with { Insurance = Insurance + amount },
        _ => this,
    }) with
    { Receptions = Receptions + receptions, Guests = Guests + guests };

    public static PublicUse operator +(PublicUse a, PublicUse b) => new()
    {
        Receptions = a.Receptions + b.Receptions, Guests = a.Guests + b.Guests, Fuel = a.Fuel + b.Fuel, Repair = a.Repair + b.Repair,
        Insurance = a.Insurance + b.Insurance,
    };
}
