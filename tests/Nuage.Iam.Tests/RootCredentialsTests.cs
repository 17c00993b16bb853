using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuage.Iam;

namespace Nuage.Iam.Tests;

/// <summary>Root credentials: from the environment, or generated once into a 0600 file that later starts read.</summary>
public sealed class RootCredentialsTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "nuage-rootcred-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public void First_start_generates_keys_in_a_0600_file_and_later_starts_read_them()
    {
        var first = RootCredentials.LoadOrCreate(_dataDir, NoEnvironment);

        Assert.True(first.WasCreated);
        Assert.Equal(RootCredentialsSource.Generated, first.Source);
        Assert.Matches("^[A-Z0-9]{20}$", first.AccessKeyId);
        Assert.Matches("^[A-Za-z0-9+/]{40}$", first.SecretAccessKey);
        var path = Path.Combine(_dataDir, RootCredentials.FileName);
        Assert.Equal(path, first.FilePath);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Single(Directory.GetFiles(_dataDir));

        var second = RootCredentials.LoadOrCreate(_dataDir, NoEnvironment);

        Assert.False(second.WasCreated);
        Assert.Equal(RootCredentialsSource.File, second.Source);
        Assert.Equal(first.AccessKeyId, second.AccessKeyId);
        Assert.Equal(first.SecretAccessKey, second.SecretAccessKey);
    }

    [Fact]
    public void File_is_versioned_json_with_the_two_keys()
    {
        var created = RootCredentials.LoadOrCreate(_dataDir, NoEnvironment);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dataDir, RootCredentials.FileName)));

        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(created.AccessKeyId, json.RootElement.GetProperty("accessKeyId").GetString());
        Assert.Equal(created.SecretAccessKey, json.RootElement.GetProperty("secretAccessKey").GetString());
    }

    [Fact]
    public void Environment_wins_and_writes_nothing()
    {
        var credentials = RootCredentials.LoadOrCreate(_dataDir, Environment("ENVACCESSKEY", "env-secret-key"));

        Assert.Equal(RootCredentialsSource.Environment, credentials.Source);
        Assert.Equal("ENVACCESSKEY", credentials.AccessKeyId);
        Assert.Equal("env-secret-key", credentials.SecretAccessKey);
        Assert.Null(credentials.FilePath);
        Assert.False(Directory.Exists(_dataDir));
    }

    [Theory]
    [InlineData("ENVACCESSKEY", null)]
    [InlineData(null, "env-secret-key")]
    [InlineData("has/slash", "env-secret-key")]
    [InlineData("ENVACCESSKEY", "short")]
    public void Half_or_unusable_environment_configuration_is_a_clear_error(string? access, string? secret)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RootCredentials.LoadOrCreate(_dataDir, Environment(access, secret)));

        Assert.Contains("root", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Corrupt_file_is_a_clear_error_and_is_not_replaced()
    {
        Directory.CreateDirectory(_dataDir);
        var path = Path.Combine(_dataDir, RootCredentials.FileName);
        File.WriteAllText(path, "{ not json");

        var error = Assert.Throws<InvalidOperationException>(() => RootCredentials.LoadOrCreate(_dataDir, NoEnvironment));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("{ not json", File.ReadAllText(path));
    }

    [Fact]
    public async Task Resolver_maps_the_root_key_to_the_root_principal()
    {
        var root = RootCredentials.LoadOrCreate(_dataDir, Environment("ROOTKEY", "root-secret"));
        var resolver = StaticCredentialResolver.ForRoot(root);

        var found = await resolver.FindAsync("ROOTKEY", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal("root-secret", found.SecretAccessKey);
        Assert.Equal(new Principal(RootCredentials.RootAccountId, "ROOTKEY", "root"), found.Principal);
        Assert.Null(await resolver.FindAsync("OTHER", CancellationToken.None));
    }

    [Fact]
    public async Task AddNuageIam_registers_root_credentials_and_the_resolver()
    {
        using var provider = new ServiceCollection().AddNuageIam(_dataDir).BuildServiceProvider();

        var root = provider.GetRequiredService<RootCredentials>();
        var resolver = provider.GetRequiredService<ICredentialResolver>();

        Assert.Same(root, provider.GetRequiredService<RootCredentials>());
        Assert.Equal(root.SecretAccessKey, (await resolver.FindAsync(root.AccessKeyId, CancellationToken.None))?.SecretAccessKey);
    }

    private static string? NoEnvironment(string name) => null;

    private static Func<string, string?> Environment(string? access, string? secret) => name => name switch
    {
        RootCredentials.AccessKeyVariable => access,
        RootCredentials.SecretKeyVariable => secret,
        _ => null,
    };
}
