using System.Text;
using Nuage.Iam;
using Nuage.Metadata;
using Nuage.Iot.Registry;
using Nuage.Testing;

namespace Nuage.Iot.Tests.Registry;

/// <summary>The registry service over a real metadata store in a temporary directory, on each engine (issue 18).</summary>
public abstract class IotRegistryTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Account = "111111111111";
    private const string Other = "222222222222";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-iot-tests-" + Guid.NewGuid().ToString("N"));
    private IMetadataStore _store = null!;
    private IotRegistry _registry = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _store = engine.Open(_directory);
        _registry = new IotRegistry(_store, new IotOptions { Region = "local" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        engine.Drop(_directory);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_thing_is_created_described_updated_and_listed_per_account()
    {
        var thing = await _registry.CreateThingAsync(Account, "lamp-1", null, new Dictionary<string, string> { ["room"] = "kitchen" }, default);
        Assert.Equal("arn:aws:iot:local:111111111111:thing/lamp-1", thing.Arn);
        Assert.Equal(1, thing.Version);
        var duplicate = await Assert.ThrowsAsync<IamException>(() => _registry.CreateThingAsync(Account, "lamp-1", null, null, default));
        Assert.Equal(IamErrorCode.EntityAlreadyExists, duplicate.Code);
        await _registry.CreateThingAsync(Other, "lamp-1", null, null, default);

        var updated = await _registry.UpdateThingAsync(Account, "lamp-1", new ThingUpdate(ThingType: "lamp", Attributes: new Dictionary<string, string> { ["watts"] = "40" }, Merge: true), default);
        Assert.Equal(("lamp", 2L), (updated.ThingType, updated.Version));
        Assert.Equal(new Dictionary<string, string> { ["room"] = "kitchen", ["watts"] = "40" }, updated.Attributes);
        var conflict = await Assert.ThrowsAsync<IamException>(() => _registry.UpdateThingAsync(Account, "lamp-1", new ThingUpdate(ExpectedVersion: 1), default));
        Assert.Contains("version 2", conflict.Message, StringComparison.Ordinal);
        var replaced = await _registry.UpdateThingAsync(Account, "lamp-1", new ThingUpdate(RemoveThingType: true, Attributes: new Dictionary<string, string> { ["x"] = "1" }, ExpectedVersion: 2), default);
        Assert.Equal((null, 3L), (replaced.ThingType, replaced.Version));
        Assert.Equal(new Dictionary<string, string> { ["x"] = "1" }, replaced.Attributes);

        // Removing the type while 4 attributes remain would break the 3-attribute rule: refused, nothing changed.
        await _registry.UpdateThingAsync(Account, "lamp-1", new ThingUpdate(ThingType: "lamp", Attributes: Enumerable.Range(0, 4).ToDictionary(i => "k" + i, i => "v"), Merge: false), default);
        await Assert.ThrowsAsync<IamException>(() => _registry.UpdateThingAsync(Account, "lamp-1", new ThingUpdate(RemoveThingType: true), default));
        Assert.Equal("lamp", (await _registry.DescribeThingAsync(Account, "lamp-1", default)).ThingType);

        Assert.Equal(["lamp-1"], (await _registry.ListThingsAsync(Account, default)).Select(t => t.Name));
        Assert.Equal(IamErrorCode.NoSuchEntity, (await Assert.ThrowsAsync<IamException>(() => _registry.DescribeThingAsync(Account, "nope", default))).Code);
    }

    [Fact]
    public async Task Credentials_authenticate_until_disabled_rotated_or_deleted_with_their_thing()
    {
        await _registry.CreateThingAsync(Account, "lamp-1", null, null, default);
        var issued = await _registry.CreateCredentialAsync(Account, "lamp-1", default);
        var id = issued.Credential.CredentialId;
        Assert.Equal(Account, await _registry.AccountOfCredentialAsync(id, default));
        var device = Assert.IsType<Nuage.Iot.Identity.DeviceIdentity>(await _registry.AuthenticateAsync(id, Bytes(issued.Token), default));
        Assert.Equal(("lamp-1", Account), (device.ThingName, device.AccountId));
        Assert.Null(await _registry.AuthenticateAsync(id, Bytes(issued.Token + "x"), default));

        // Another account can neither see nor change it.
        await Assert.ThrowsAsync<IamException>(() => _registry.SetCredentialActiveAsync(Other, id, false, default));

        await _registry.SetCredentialActiveAsync(Account, id, false, default);
        Assert.Null(await _registry.AuthenticateAsync(id, Bytes(issued.Token), default));
        Assert.False(await _registry.IsStillValidAsync(device, default));
        await _registry.SetCredentialActiveAsync(Account, id, true, default);
        Assert.True(await _registry.IsStillValidAsync(device, default));

        var rotated = await _registry.RotateCredentialAsync(Account, id, default);
        Assert.Null(await _registry.AuthenticateAsync(id, Bytes(issued.Token), default));
        Assert.NotNull(await _registry.AuthenticateAsync(rotated.Credential.CredentialId, Bytes(rotated.Token), default));
        Assert.Equal([(id, false), (rotated.Credential.CredentialId, true)],
            (await _registry.ListCredentialsAsync(Account, "lamp-1", default)).Select(c => (c.CredentialId, c.Active)));

        // Reopened from the store: the state is the record, not memory.
        var reopened = new IotRegistry(_store, new IotOptions { Region = "local" });
        Assert.NotNull(await reopened.AuthenticateAsync(rotated.Credential.CredentialId, Bytes(rotated.Token), default));

        await _registry.DeleteThingAsync(Account, "lamp-1", default);
        Assert.Null(await _registry.AuthenticateAsync(rotated.Credential.CredentialId, Bytes(rotated.Token), default));
        Assert.Null(await _registry.AccountOfCredentialAsync(rotated.Credential.CredentialId, default));
    }

    [Fact]
    public async Task Policies_reach_a_thing_directly_and_through_its_groups()
    {
        await _registry.CreateThingAsync(Account, "lamp-1", null, null, default);
        await _registry.CreateGroupAsync(Account, "kitchen", "the kitchen's devices", default);
        await _registry.AddThingToGroupAsync(Account, "kitchen", "lamp-1", default);
        const string Document = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Publish","Resource":"*"}]}""";
        await _registry.CreatePolicyAsync(Account, "direct", Document, default);
        await _registry.CreatePolicyAsync(Account, "grouped", Document, default);
        await _registry.AttachPolicyAsync(Account, "direct", PolicyTargetKind.Thing, "lamp-1", default);
        await _registry.AttachPolicyAsync(Account, "grouped", PolicyTargetKind.ThingGroup, "kitchen", default);
        Assert.Equal(2, (await _registry.PoliciesOfAsync(Account, "lamp-1", default)).Count);
        Assert.Empty(await _registry.PoliciesOfAsync(Other, "lamp-1", default));

        Assert.Equal(IamErrorCode.DeleteConflict, (await Assert.ThrowsAsync<IamException>(() => _registry.DeletePolicyAsync(Account, "grouped", default))).Code);
        await _registry.RemoveThingFromGroupAsync(Account, "kitchen", "lamp-1", default);
        Assert.Single(await _registry.PoliciesOfAsync(Account, "lamp-1", default));
        await _registry.DetachPolicyAsync(Account, "direct", PolicyTargetKind.Thing, "lamp-1", default);
        Assert.Empty(await _registry.PoliciesOfAsync(Account, "lamp-1", default));
        await _registry.DeletePolicyAsync(Account, "direct", default);
        Assert.Equal(["grouped"], (await _registry.ListPoliciesAsync(Account, default)).Select(p => p.Name));
    }

    [Theory]
    [InlineData("not json", IamErrorCode.MalformedPolicyDocument)]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", IamErrorCode.MalformedPolicyDocument)]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"iot:Publish","Resource":"*"}]}""", IamErrorCode.MalformedPolicyDocument)]
    public async Task Bad_policy_documents_are_refused_with_a_clear_code(string document, IamErrorCode code)
    {
        var e = await Assert.ThrowsAsync<IamException>(() => _registry.CreatePolicyAsync(Account, "p", document, default));
        Assert.Equal(code, e.Code);
        Assert.Empty(await _registry.ListPoliciesAsync(Account, default));
    }

    [Fact]
    public async Task A_thing_belongs_to_at_most_ten_groups()
    {
        await _registry.CreateThingAsync(Account, "lamp-1", null, null, default);
        for (var i = 0; i < IotRegistry.MaxGroupsPerThing; i++)
        {
            await _registry.CreateGroupAsync(Account, "g" + i, null, default);
            await _registry.AddThingToGroupAsync(Account, "g" + i, "lamp-1", default);
        }

        await _registry.CreateGroupAsync(Account, "one-more", null, default);
        Assert.Equal(IamErrorCode.LimitExceeded, (await Assert.ThrowsAsync<IamException>(() => _registry.AddThingToGroupAsync(Account, "one-more", "lamp-1", default))).Code);
    }

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

public sealed class IotRegistryTestsOnSqlite() : IotRegistryTests(MetadataEngine.Sqlite);

public sealed class IotRegistryTestsOnPostgres() : IotRegistryTests(MetadataEngine.Postgres);
