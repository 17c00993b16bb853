using Nuage.Testing;

namespace Nuage.Integration.Tests.Logging;

/// <summary>
/// A server that delivers access logs every second (--access-log-interval-seconds 1), so a test sees its records
/// within seconds, and whose new buckets have ACLs enabled (--legacy-bucket-defaults), so ACL grants can be tested.
/// </summary>
public sealed class AccessLoggingServerFixture() : NuageServerFixture("nuage-logging-", "--legacy-bucket-defaults", "--access-log-interval-seconds", "1");
