using Nuage.Testing;

namespace Nuage.Integration.Tests.Observability;

/// <summary>A server logging JSON lines, with ACLs enabled on new buckets so every ACL operation can succeed.</summary>
public sealed class JsonLogServerFixture() : NuageServerFixture("nuage-jsonlog-", "--log-format", "json", "--legacy-bucket-defaults");
