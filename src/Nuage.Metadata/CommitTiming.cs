namespace Nuage.Metadata;

/// <summary>How soon the commit of a unit of work must start (<see cref="IMetadataStore.WriteAsync{T}(Func{IMetadataTransaction, T}, CommitTiming, CancellationToken)"/>).</summary>
public enum CommitTiming
{
    /// <summary>As soon as the writer is free: what every S3, IAM and admin write needs.</summary>
    Prompt,

    /// <summary>
    /// The caller can wait about a millisecond more so that more units share the commit: a batch of such units only
    /// waits that long for more before it commits, and a <see cref="Prompt"/> unit arriving ends the wait. For streams
    /// of small writes whose callers do not wait on each one, such as the MQTT session queue's appends under load
    /// (docs/performance.md "Gathered commits"). An engine may treat it as <see cref="Prompt"/>.
    /// </summary>
    Gathered,
}
