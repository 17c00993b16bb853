using Nuage.Iam.Identities;
using Nuage.Iam.Management;
using Nuage.Iam.Secrets;
using Nuage.Metadata;
using Nuage.Testing;

namespace Nuage.Iam.Tests.Management;

/// <summary>
/// The identity services over a real metadata store (the engine a test class runs on, issue 18's conformance suite)
/// of a temporary data directory; <see cref="ReopenAsync"/> restarts them on the same store.
/// </summary>
public sealed class IdentityFixture : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-iam-" + Guid.NewGuid().ToString("N"));
    private readonly MetadataEngine _engine;
    private IMetadataStore _store = null!;
    private SecretSealer _sealer = null!;

    private IdentityFixture(MetadataEngine engine)
    {
        _engine = engine;
    }

    public string DataDirectory => _directory;

    public IdentityRegistry Registry { get; private set; } = null!;

    public AccountService Accounts { get; private set; } = null!;

    public UserService Users { get; private set; } = null!;

    public GroupService Groups { get; private set; } = null!;

    public RoleService Roles { get; private set; } = null!;

    public AccessKeyService Keys { get; private set; } = null!;

    public InlinePolicyService Inline { get; private set; } = null!;

    public ManagedPolicyService Managed { get; private set; } = null!;

    public TagService Tags { get; private set; } = null!;

    public PermissionsBoundaryService Boundaries { get; private set; } = null!;

    public static async Task<IdentityFixture> StartAsync(MetadataEngine engine)
    {
        var fixture = new IdentityFixture(engine);
        await fixture.OpenAsync();
        return fixture;
    }

    /// <summary>Closes the store and opens everything again from disk, as a restart would.</summary>
    public async Task ReopenAsync()
    {
        await CloseAsync();
        await OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _engine.Drop(_directory);
        Directory.Delete(_directory, recursive: true);
    }

    private async Task OpenAsync()
    {
        Directory.CreateDirectory(_directory);
        _store = _engine.Open(_directory);
        _sealer = SecretSealer.LoadOrCreate(_directory);
        Registry = new IdentityRegistry(_store, _sealer);
        await Registry.LoadAsync(CancellationToken.None);
        var time = TimeProvider.System;
        Accounts = new AccountService(Registry, time);
        Users = new UserService(Registry, time);
        Groups = new GroupService(Registry, time);
        Roles = new RoleService(Registry, time);
        Keys = new AccessKeyService(Registry, time);
        Inline = new InlinePolicyService(Registry);
        Managed = new ManagedPolicyService(Registry, time);
        Tags = new TagService(Registry);
        Boundaries = new PermissionsBoundaryService(Registry);
    }

    private async Task CloseAsync()
    {
        Registry.Dispose();
        _sealer.Dispose();
        await _store.DisposeAsync();
    }
}
