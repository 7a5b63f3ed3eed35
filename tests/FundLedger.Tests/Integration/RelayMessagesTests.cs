using FundLedger.Integration;

namespace FundLedger.Tests.Integration;

/// <summary>How the relay cuts a lane's events into messages: pure, no broker.</summary>
public sealed class RelayMessagesTests
{
    [Fact]
    public void Consecutive_events_of_one_routing_key_share_a_message_and_a_change_of_key_starts_the_next()
    {
        // Indexes into a read, with their routing keys: a stream's payment, its reversal, two more payments.
        var keys = new[] { "d.pay", "d.pay", "d.reverse", "d.pay", "d.pay" };
        var messages = EventRelay.Messages([0, 1, 2, 3, 4], i => keys[i]).Select(m => m.ToArray()).ToList();
        Assert.Equal(new[] { new[] { 0, 1 }, [2], [3, 4] }, messages);
    }

    [Fact]
    public void A_run_longer_than_a_message_holds_is_cut_in_order_and_loses_nothing()
    {
        var lane = Enumerable.Range(0, EventRelay.PerMessage * 2 + 5).ToList();
        var messages = EventRelay.Messages(lane, _ => "d.pay").ToList();
        Assert.Equal(new[] { EventRelay.PerMessage, EventRelay.PerMessage, 5 }, messages.Select(m => m.Count));
        Assert.Equal(lane, messages.SelectMany(m => m));
    }
}
