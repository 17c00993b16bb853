using Nuage.Metadata;
using Nuage.Testing;

namespace Nuage.Iot.Tests.Registry;

/// <summary>
/// The IoT registry's rows (schemas 014 and 020) through the store contract on each engine (issue 18): what inserts,
/// updates and deletes return, what a delete takes with it, byte order in the load, and X.509 certificates.
/// </summary>
public abstract class IotRegistryStoreTests(MetadataEngine engine) : IAsyncLifetime
{
    private const string Account = "111111111111";
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-iot-registry-store-tests-" + Guid.NewGuid().ToString("N"));
    private IMetadataStore _store = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _store = engine.Open(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        engine.Drop(_directory);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Inserts_and_updates_report_whether_they_changed_a_row_and_the_load_is_in_byte_order()
    {
        // Byte order: "B" (0x42) < "a" (0x61) < "b" < "é" (0xC3 0xA9), whatever collation the database defaults to.
        foreach (var name in new[] { "é", "b", "a", "B" })
        {
            Assert.True(await WriteAsync(t => t.InsertIotThing(new IotThingRow(Account, name, null, "{}", 1, At))));
        }

        Assert.False(await WriteAsync(t => t.InsertIotThing(new IotThingRow(Account, "a", "other", "{}", 1, At))));
        Assert.True(await WriteAsync(t => t.InsertIotThing(new IotThingRow("000000000000", "z", null, "{}", 1, At))));
        Assert.True(await WriteAsync(t => t.UpdateIotThing(new IotThingRow(Account, "a", "lamp", """{"w":"40"}""", 2, At.AddDays(1)))));
        Assert.False(await WriteAsync(t => t.UpdateIotThing(new IotThingRow(Account, "missing", "lamp", "{}", 2, At))));

        Assert.True(await WriteAsync(t => t.InsertIotThingGroup(new IotThingGroupRow(Account, "kitchen", "the kitchen", At))));
        Assert.False(await WriteAsync(t => t.InsertIotThingGroup(new IotThingGroupRow(Account, "kitchen", "again", At))));
        Assert.True(await WriteAsync(t => t.AddIotGroupMember(new IotGroupMemberRow(Account, "kitchen", "b"))));
        Assert.False(await WriteAsync(t => t.AddIotGroupMember(new IotGroupMemberRow(Account, "kitchen", "b"))));
        Assert.True(await WriteAsync(t => t.AddIotGroupMember(new IotGroupMemberRow(Account, "kitchen", "B"))));
        Assert.True(await WriteAsync(t => t.InsertIotPolicy(new IotPolicyRow(Account, "p", "{}", At))));
        Assert.False(await WriteAsync(t => t.InsertIotPolicy(new IotPolicyRow(Account, "p", "{ }", At))));
        Assert.True(await WriteAsync(t => t.AttachIotPolicy(new IotPolicyAttachmentRow(Account, "p", IotPolicyTarget.ThingGroup, "kitchen"))));
        Assert.False(await WriteAsync(t => t.AttachIotPolicy(new IotPolicyAttachmentRow(Account, "p", IotPolicyTarget.ThingGroup, "kitchen"))));
        Assert.True(await WriteAsync(t => t.AttachIotPolicy(new IotPolicyAttachmentRow(Account, "p", IotPolicyTarget.Thing, "b"))));
        Assert.True(await WriteAsync(t => t.InsertIotCredential(new IotCredentialRow("cred-2", Account, "b", [1, 2, 3], true, At))));
        Assert.False(await WriteAsync(t => t.InsertIotCredential(new IotCredentialRow("cred-2", Account, "a", [4], true, At))));
        Assert.True(await WriteAsync(t => t.InsertIotCredential(new IotCredentialRow("cred-1", Account, "a", [4], false, At))));
        Assert.True(await WriteAsync(t => t.SetIotCredentialActive("cred-1", true)));
        Assert.False(await WriteAsync(t => t.SetIotCredentialActive("cred-9", true)));
        await ReopenAsync();

        var registry = await _store.LoadIotRegistryAsync(CancellationToken.None);
        Assert.Equal(
            [("000000000000", "z"), (Account, "B"), (Account, "a"), (Account, "b"), (Account, "é")],
            registry.Things.Select(t => (t.AccountId, t.Name)));
        Assert.Equal(new IotThingRow(Account, "a", "lamp", """{"w":"40"}""", 2, At), registry.Things[2]);
        Assert.Equal([new IotThingGroupRow(Account, "kitchen", "the kitchen", At)], registry.Groups);
        Assert.Equal(["B", "b"], registry.Members.Select(m => m.ThingName));
        Assert.Equal([new IotPolicyRow(Account, "p", "{}", At)], registry.Policies);
        Assert.Equal(
            [new IotPolicyAttachmentRow(Account, "p", IotPolicyTarget.Thing, "b"), new IotPolicyAttachmentRow(Account, "p", IotPolicyTarget.ThingGroup, "kitchen")],
            registry.Attachments);
        Assert.Equal([("cred-1", "a", true, "04"), ("cred-2", "b", true, "010203")],
            registry.Credentials.Select(c => (c.CredentialId, c.ThingName, c.Active, Convert.ToHexString(c.TokenHash))));
        Assert.All(registry.Credentials, c => Assert.Equal(At, c.CreatedAt));
    }

    [Fact]
    public async Task Deleting_a_thing_group_or_policy_takes_what_belongs_to_it_and_nothing_else()
    {
        await WriteAsync(t => t.InsertIotThing(new IotThingRow(Account, "lamp", null, "{}", 1, At)));
        await WriteAsync(t => t.InsertIotThing(new IotThingRow(Account, "fan", null, "{}", 1, At)));
        await WriteAsync(t => t.InsertIotThingGroup(new IotThingGroupRow(Account, "lamp", "a group named like the thing", At)));
        await WriteAsync(t => t.InsertIotThingGroup(new IotThingGroupRow(Account, "kitchen", "", At)));
        foreach (var thing in new[] { "lamp", "fan" })
        {
            await WriteAsync(t => t.AddIotGroupMember(new IotGroupMemberRow(Account, "kitchen", thing)));
            await WriteAsync(t => t.AddIotGroupMember(new IotGroupMemberRow(Account, "lamp", thing)));
            await WriteAsync(t => t.InsertIotCredential(new IotCredentialRow("cred-" + thing, Account, thing, [1], true, At)));
        }

        await WriteAsync(t => t.InsertIotPolicy(new IotPolicyRow(Account, "p", "{}", At)));
        await WriteAsync(t => t.InsertIotPolicy(new IotPolicyRow(Account, "q", "{}", At)));
        await WriteAsync(t => t.AttachIotPolicy(new IotPolicyAttachmentRow(Account, "p", IotPolicyTarget.Thing, "lamp")));
        await WriteAsync(t => t.AttachIotPolicy(new IotPolicyAttachmentRow(Account, "p", IotPolicyTarget.ThingGroup, "lamp")));
        await WriteAsync(t => t.AttachIotPolicy(new IotPolicyAttachmentRow(Account, "q", IotPolicyTarget.Thing, "fan")));
        await WriteAsync(t => t.AttachIotPolicy(new IotPolicyAttachmentRow(Account, "q", IotPolicyTarget.ThingGroup, "kitchen")));

        Assert.True(await WriteAsync(t => t.DeleteIotThing(Account, "lamp")));
        Assert.False(await WriteAsync(t => t.DeleteIotThing(Account, "lamp")));
        var registry = await _store.LoadIotRegistryAsync(CancellationToken.None);
        Assert.Equal(["fan"], registry.Things.Select(t => t.Name));
        Assert.Equal(["cred-fan"], registry.Credentials.Select(c => c.CredentialId));
        Assert.Equal([("kitchen", "fan"), ("lamp", "fan")], registry.Members.Select(m => (m.GroupName, m.ThingName)));
        Assert.Equal(
            [("p", IotPolicyTarget.ThingGroup, "lamp"), ("q", IotPolicyTarget.Thing, "fan"), ("q", IotPolicyTarget.ThingGroup, "kitchen")],
            registry.Attachments.Select(a => (a.PolicyName, a.TargetKind, a.TargetName)));

        Assert.True(await WriteAsync(t => t.DeleteIotThingGroup(Account, "lamp")));
        Assert.False(await WriteAsync(t => t.DeleteIotThingGroup(Account, "lamp")));
        Assert.True(await WriteAsync(t => t.RemoveIotGroupMember(new IotGroupMemberRow(Account, "kitchen", "fan"))));
        Assert.False(await WriteAsync(t => t.RemoveIotGroupMember(new IotGroupMemberRow(Account, "kitchen", "fan"))));
        Assert.True(await WriteAsync(t => t.DetachIotPolicy(new IotPolicyAttachmentRow(Account, "q", IotPolicyTarget.Thing, "fan"))));
        Assert.False(await WriteAsync(t => t.DetachIotPolicy(new IotPolicyAttachmentRow(Account, "q", IotPolicyTarget.Thing, "fan"))));
        Assert.True(await WriteAsync(t => t.DeleteIotPolicy(Account, "q")));
        Assert.False(await WriteAsync(t => t.DeleteIotPolicy(Account, "q")));
        Assert.True(await WriteAsync(t => t.DeleteIotCredential("cred-fan")));
        Assert.False(await WriteAsync(t => t.DeleteIotCredential("cred-fan")));

        registry = await _store.LoadIotRegistryAsync(CancellationToken.None);
        Assert.Equal(["kitchen"], registry.Groups.Select(g => g.Name));
        Assert.Empty(registry.Members);
        Assert.Empty(registry.Attachments);
        Assert.Empty(registry.Credentials);
        Assert.Equal(["p"], registry.Policies.Select(p => p.Name));
    }

    [Fact]
    public async Task Certificates_are_listed_by_account_thing_and_age_and_deleted_one_by_one_or_by_thing()
    {
        IotCertificateRow Certificate(string id, string account, string thing, int minutes) =>
            new(id, account, thing, "-----BEGIN CERTIFICATE-----\n" + id, At.AddYears(-1), At.AddYears(1).AddTicks(3), true, At.AddMinutes(minutes));

        var newer = Certificate("c1", Account, "lamp", 5);
        var older = Certificate("c2", Account, "lamp", 1);
        var other = Certificate("c3", Account, "fan", 9);
        var foreign = Certificate("c4", "000000000000", "lamp", 0);
        foreach (var row in new[] { newer, older, other, foreign })
        {
            Assert.True(await WriteAsync(t => t.InsertIotCertificate(row)));
        }

        Assert.False(await WriteAsync(t => t.InsertIotCertificate(newer with { ThingName = "fan" })));
        Assert.True(await WriteAsync(t => t.SetIotCertificateActive("c2", false)));
        Assert.False(await WriteAsync(t => t.SetIotCertificateActive("c9", false)));
        await ReopenAsync();

        Assert.Equal([foreign, other, older with { Active = false }, newer], await _store.ListIotCertificatesAsync(CancellationToken.None));

        // A thing's certificates go only when asked: deleting the thing's row leaves them (the registry deletes both).
        await WriteAsync(t => t.InsertIotThing(new IotThingRow(Account, "lamp", null, "{}", 1, At)));
        Assert.True(await WriteAsync(t => t.DeleteIotThing(Account, "lamp")));
        Assert.Equal(4, (await _store.ListIotCertificatesAsync(CancellationToken.None)).Count);
        Assert.Equal(2, await _store.WriteAsync(t => t.DeleteIotCertificatesOfThing(Account, "lamp"), CancellationToken.None));
        Assert.True(await WriteAsync(t => t.DeleteIotCertificate("c3")));
        Assert.False(await WriteAsync(t => t.DeleteIotCertificate("c3")));
        Assert.Equal([foreign], await _store.ListIotCertificatesAsync(CancellationToken.None));
    }

    private Task<bool> WriteAsync(Func<IMetadataTransaction, bool> write) => _store.WriteAsync(write, CancellationToken.None);

    private async Task ReopenAsync()
    {
        await _store.DisposeAsync();
        _store = engine.Open(_directory);
    }
}

public sealed class IotRegistryStoreTestsOnSqlite() : IotRegistryStoreTests(MetadataEngine.Sqlite);

public sealed class IotRegistryStoreTestsOnPostgres() : IotRegistryStoreTests(MetadataEngine.Postgres);
