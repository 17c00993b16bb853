namespace Nuage.Metadata;

/// <summary>
/// One name of the federation's bucket registry (schema 016, kept by the control region): which account owns the
/// bucket and in which region it lives.
/// </summary>
public sealed record BucketNameRow(string Name, string Owner, string Region, DateTimeOffset CreatedAt);
