namespace FundLedger.Appropriations;

/// <summary>Appropriations as their events say, folded with the one fold (<see cref="Appropriation.Fold"/>).</summary>
public static class AppropriationHistory
{
    /// <summary>Folds the events of appropriation streams, in sequence order; events of other streams are passed over.</summary>
    public static IReadOnlyDictionary<string, Appropriation> Replay(IEnumerable<(string Stream, object Data)> events)
    {
        var state = new Dictionary<string, Appropriation>();
        Fold(state, events);
        return state;
    }

    /// <summary>Folds more events, in sequence order, into appropriations folded so far.</summary>
    public static void Fold(Dictionary<string, Appropriation> state, IEnumerable<(string Stream, object Data)> events)
    {
        foreach (var (stream, data) in events)
        {
            var current = state.GetValueOrDefault(stream);
            if (Appropriation.Fold(current, data, (current?.Version ?? 0) + 1) is { } next) state[stream] = next;
        }
    }
}
