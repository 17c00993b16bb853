using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuage.Iam;
using Nuage.Metadata.Sqlite;

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
    public void Generated_secret_appears_in_the_file_as_is_so_a_person_can_copy_it()
    {
        // A generated secret draws from A-Z a-z 0-9 + /; keep generating until one holds '+' (each try has about a
        // 70% chance), then look for it verbatim in the file's text.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var dir = Path.Combine(_dataDir, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var created = RootCredentials.LoadOrCreate(dir, NoEnvironment);
            if (!created.SecretAccessKey.Contains('+', StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(Path.Combine(dir, RootCredentials.FileName));
            Assert.Contains("\"secretAccessKey\": \"" + created.SecretAccessKey + "\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
            return;
        }

        Assert.Fail("No generated secret contained '+' in 100 tries.");
    }

    [Fact]
    public void File_written_with_escaped_plus_is_rewritten_readable_with_the_same_keys()
    {
        Directory.CreateDirectory(_dataDir);
        var path = Path.Combine(_dataDir, RootCredentials.FileName);
        File.WriteAllText(path, "{\n  \"version\": 1,\n  \"accessKeyId\": \"AKIAOLDFILE000000000\",\n  \"secretAccessKey\": \"abc\\u002Bdef/ghi\\u002B0123456789\"\n}\n");

        var loaded = RootCredentials.LoadOrCreate(_dataDir, NoEnvironment);

        Assert.Equal("abc+def/ghi+0123456789", loaded.SecretAccessKey);
        var text = File.ReadAllText(path);
        Assert.Contains("\"abc+def/ghi+0123456789\"", text, StringComparison.Ordinal);
        Assert.Equal("AKIAOLDFILE000000000", RootCredentials.LoadOrCreate(_dataDir, NoEnvironment).AccessKeyId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
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
        Assert.Equal(new Principal(RootCredentials.RootAccountId, "ROOTKEY", RootCredentials.RootDisplayName) { Kind = PrincipalKind.Operator }, found.Principal);
        Assert.Null(await resolver.FindAsync("OTHER", CancellationToken.None));
    }

    [Fact]
    public async Task AddNuageIam_registers_root_credentials_and_the_resolver()
    {
        await using var provider = new ServiceCollection().AddSqliteMetadata(_dataDir).AddNuageIam(_dataDir).BuildServiceProvider();
        await provider.GetRequiredService<Identities.IdentityRegistry>().LoadAsync(CancellationToken.None);

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
