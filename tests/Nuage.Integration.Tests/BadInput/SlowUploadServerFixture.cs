using Nuage.Testing;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>A server whose minimum upload rate is 2000 bytes/s after a 2 s grace period, so rate tests run in seconds.</summary>
public sealed class SlowUploadServerFixture() : NuageServerFixture("nuage-slow-", "--min-upload-rate", "2000", "--upload-grace", "2");
