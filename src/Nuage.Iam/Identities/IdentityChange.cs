using Nuage.Metadata;

namespace Nuage.Iam.Identities;

/// <summary>A decided change: the directory after it, how to persist it in one metadata transaction, and what to answer.</summary>
public sealed record IdentityChange<T>(IdentityDirectory Next, Action<IMetadataTransaction> Persist, T Result);
