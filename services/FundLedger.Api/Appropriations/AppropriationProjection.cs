using FundLedger.Disbursements;
using FundLedger.YearEnd;
using Marten.Events.Aggregation;

namespace FundLedger.Appropriations;

/// <summary>
/// Keeps <see cref="Appropriation"/> inline with its stream. The fold itself lives on the record so that
/// decisions compute the state after an event with exactly the code the projection uses.
/// </summary>
public sealed partial class AppropriationProjection : SingleStreamProjection<Appropriation, string>
{
    public Appropriation Create(AppropriationEnacted e) => Appropriation.Enacted(e);
    public Appropriation Apply(AppropriationSupplemented e, Appropriation a) => a.With(e);
    public Appropriation Apply(AppropriationReduced e, Appropriation a) => a.With(e);
    public Appropriation Apply(DisbursementRecorded e, Appropriation a) => a.With(e);
    public Appropriation Apply(DisbursementReversed e, Appropriation a) => a.With(e);
    public Appropriation Create(AppropriationCarriedOver e) => Appropriation.CarriedOver(e);
    public Appropriation Apply(BalanceCarriedForward e, Appropriation a) => a.With(e);
    public Appropriation Apply(BalanceLapsed e, Appropriation a) => a.With(e);
}
