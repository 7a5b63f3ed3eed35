namespace FundLedger.Kernel;

/// <summary>A command checked field by field: either the command or the refusal naming every bad field.</summary>
public readonly record struct Validated<T>(T? Command, Refusal? Refusal) where T : class
{
    public static Validated<T> From(Fields fields, Func<T> build) => fields.Ok ? new(build(), null) : new(null, fields.Refusal());
}
