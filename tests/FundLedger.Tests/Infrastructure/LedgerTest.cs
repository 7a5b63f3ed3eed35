namespace FundLedger.Tests.Infrastructure;

/// <summary>Base of the HTTP tests: each test gets a district of its own on the shared service.</summary>
[Collection(LedgerCollection.Name)]
public abstract class LedgerTest(LedgerApp app)
{
    protected LedgerApp App { get; } = app;

    protected Api NewDistrict(int year = 2020) => App.For(App.NewDistrict(), year);
}
