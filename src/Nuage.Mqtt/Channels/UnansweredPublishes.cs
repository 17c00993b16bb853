using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Nuage.Mqtt.Channels;

/// <summary>
/// The QoS 1 and 2 PUBLISHes a connection handed to MQTTnet whose PUBACK or PUBREC has not been written yet, so that a
/// refusal (DISCONNECT for a malformed or too large packet, or the close under MQTT 3.1.1) waits for them. MQTTnet
/// dispatches a PUBLISH and queues its acknowledgement before it reads the next packet, but a separate loop writes the
/// queue, and the channel writes the refusal directly: without the wait, a PUBLISH accepted and delivered just before
/// the bad packet could lose its PUBACK to the close, and its client would send it again after reconnecting.
/// </summary>
internal sealed class UnansweredPublishes
{
    // How long a refusal waits for the acknowledgements of the PUBLISHes before it.
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(1);

    private int _count;
    private TaskCompletionSource? _allAnswered;

    /// <summary>A packet handed to MQTTnet: a QoS 1 or 2 PUBLISH now waits for its answer.</summary>
    public void Received(MqttPacket packet)
    {
        if (packet is MqttPublishPacket { QualityOfServiceLevel: > MqttQualityOfServiceLevel.AtMostOnce })
        {
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>A packet about to be written to the client: the write of a PUBACK or PUBREC answers one PUBLISH.</summary>
    public Task Sending(MqttPacket packet, Task write)
    {
        if (packet is not (MqttPubAckPacket or MqttPubRecPacket))
        {
            return write;
        }

        if (write.IsCompleted)
        {
            Answered();
            return write;
        }

        return AnsweredAfterAsync(write);
    }

    /// <summary>Waits, at most <see cref="AnswerWait"/>, until every PUBLISH handed to MQTTnet so far has been answered.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var allAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _allAnswered, allAnswered);
        if (Volatile.Read(ref _count) <= 0)
        {
            return;
        }

        try
        {
            await allAnswered.Task.WaitAsync(AnswerWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // An acknowledgement held back (a durable append that does not complete): the refusal goes without it.
        }
    }

    private async Task AnsweredAfterAsync(Task write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            // Written, or never to be: either way no refusal waits for it.
            Answered();
        }
    }

    private void Answered()
    {
        if (Interlocked.Decrement(ref _count) <= 0)
        {
            Volatile.Read(ref _allAnswered)?.TrySetResult();
        }
    }
}
