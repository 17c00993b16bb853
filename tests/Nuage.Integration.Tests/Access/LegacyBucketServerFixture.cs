using Nuage.Testing;

namespace Nuage.Integration.Tests.Access;

/// <summary>A server started with --legacy-bucket-defaults: new buckets have ACLs enabled and no Block Public Access.</summary>
public sealed class LegacyBucketServerFixture() : NuageServerFixture("nuage-legacy-", "--legacy-bucket-defaults");
