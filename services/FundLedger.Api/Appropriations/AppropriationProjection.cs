using FundLedger.Disbursements;
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
}
