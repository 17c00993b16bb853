using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// What every bad-input test class shares: a server of the class's own (xUnit class fixture), a client that signs
/// requests for it, and after each test the check that the server survived whatever the test sent.
/// </summary>
public abstract class BadInputTestBase(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IAsyncLifetime
{
    protected NuageServerFixture Fixture { get; } = fixture;

    protected SignedHttpClient Http { get; } = new(fixture.Endpoint);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        await BadInputAssert.ServerAliveAsync(Fixture.Server);
        Http.Dispose();
    }
}
