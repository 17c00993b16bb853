using Nuage.Iot.Broker;
using Xunit;

namespace Nuage.Iot.Tests.Broker;

public sealed class HeldAcknowledgementsTests
{
    [Fact]
    public async Task An_acknowledgement_waits_for_its_own_publish_appends_not_for_those_of_publishes_read_after_it()
    {
        var held = new HeldAcknowledgements();
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        held.Reading("acct:sensor", 1);
        held.Hold("acct:sensor", first.Task);
        held.Reading("acct:sensor", 2);
        held.Hold("acct:sensor", second.Task);

        var firstAck = held.Take("acct:sensor", 1);
        Assert.NotNull(firstAck);
        Assert.False(firstAck.IsCompleted);
        first.SetResult();
        // The second PUBLISH's append is still pending: the first PUBACK does not wait for it.
        await firstAck.WaitAsync(TimeSpan.FromSeconds(5));

        var secondAck = held.Take("acct:sensor", 2);
        Assert.NotNull(secondAck);
        Assert.False(secondAck.IsCompleted);
        second.SetResult();
        await secondAck.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_publish_queued_for_several_sessions_is_acknowledged_once_every_append_is_durable()
    {
        var held = new HeldAcknowledgements();
        var one = new TaskCompletionSource();
        var other = new TaskCompletionSource();
        held.Reading("acct:sensor", 7);
        held.Hold("acct:sensor", one.Task);
        held.Hold("acct:sensor", other.Task);

        var ack = held.Take("acct:sensor", 7)!;
        one.SetResult();
        await Task.Yield();
        Assert.False(ack.IsCompleted);
        other.SetException(new InvalidOperationException("the store is away"));
        // A failed append fails the acknowledgement: the broker withholds the PUBACK.
        await Assert.ThrowsAsync<InvalidOperationException>(() => ack);
    }

    [Fact]
    public void Nothing_is_held_for_a_publish_without_appends_another_client_or_a_forgotten_session()
    {
        var held = new HeldAcknowledgements();
        held.Reading("acct:sensor", 3);
        held.Reading("acct:sensor", 4);
        held.Hold("acct:sensor", Task.Delay(Timeout.Infinite));

        Assert.Null(held.Take("acct:sensor", 3));
        Assert.Null(held.Take("acct:other", 4));
        held.Forget("acct:sensor");
        Assert.Null(held.Take("acct:sensor", 4));
    }

    [Fact]
    public void An_acknowledgement_is_taken_once()
    {
        var held = new HeldAcknowledgements();
        held.Reading("acct:sensor", 9);
        held.Hold("acct:sensor", Task.CompletedTask);

        Assert.NotNull(held.Take("acct:sensor", 9));
        Assert.Null(held.Take("acct:sensor", 9));
    }

    [Fact]
    public async Task A_failed_append_whose_acknowledgement_was_never_sent_does_not_hold_the_identifiers_next_publish()
    {
        var held = new HeldAcknowledgements();
        held.Reading("acct:sensor", 5);
        held.Hold("acct:sensor", Task.FromException(new InvalidOperationException("the store was away")));
        // The connection ended before the PUBACK was sent (nothing took it); the client sends the message again.
        held.Reading("acct:sensor", 5);
        Assert.Null(held.Take("acct:sensor", 5));

        var again = new TaskCompletionSource();
        held.Reading("acct:sensor", 5);
        held.Hold("acct:sensor", again.Task);
        var ack = held.Take("acct:sensor", 5)!;
        again.SetResult();
        await ack.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_append_still_running_for_an_earlier_publish_with_the_identifier_still_holds_its_acknowledgement()
    {
        var held = new HeldAcknowledgements();
        var running = new TaskCompletionSource();
        held.Reading("acct:sensor", 6);
        held.Hold("acct:sensor", running.Task);
        held.Reading("acct:sensor", 6);

        var ack = held.Take("acct:sensor", 6);
        Assert.NotNull(ack);
        Assert.False(ack.IsCompleted);
        running.SetResult();
    }
}
