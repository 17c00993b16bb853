using System.Text.Json;
using Nuage.Iam;
using Nuage.Iam.Policies;
using Nuage.Iot.Identity;
using Nuage.Metadata;

namespace Nuage.Iot.Registry;

/// <summary>
/// The device registry of every account (docs/iot-devices.md): things, thing groups, device credentials and IoT
/// policies, with AWS IoT's names and rules. The metadata store is the record; this service keeps the committed
/// state in memory (a registry is thousands of rows, read on every MQTT decision) and reloads it after each write it
/// makes, one write at a time, so a check and the write it guards see the same state. Refusals are
/// <see cref="IamException"/>s, the identity service's error kinds, which every front door already maps.
/// </summary>
public sealed partial class IotRegistry(IMetadataStore store, IotOptions options)
{
    /// <summary>A thing belongs to at most 10 thing groups (AWS IoT Core quotas, "Maximum number of thing groups a thing can belong to").</summary>
    public const int MaxGroupsPerThing = 10;

    /// <summary>Nuage's own cap on credentials per thing (active or not): enough for rotation with overlap, few enough to audit.</summary>
    public const int MaxCredentialsPerThing = 10;

    /// <summary>A policy document holds at most 2048 characters, white space not counted (AWS IoT Core quotas, "Policy document size").</summary>
    public const int MaxPolicyCharacters = 2048;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile RegistrySnapshot? _current;

    /// <summary>
    /// Raised after each committed write, so a front door can drop connections whose credential or thing the write
    /// disabled or removed. Handlers must return at once (they run on the writer's path).
    /// </summary>
    public event Action? Changed;

    // ---- Things (AWS IoT CreateThing, DescribeThing, UpdateThing, ListThings, DeleteThing) ----

    public async Task<Thing> CreateThingAsync(string accountId, string name, string? thingType, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken)
    {
        RegistryNames.CheckThingName(name);
        if (thingType is not null)
        {
            RegistryNames.CheckThingTypeName(thingType);
        }

        var values = attributes ?? new Dictionary<string, string>();
        RegistryNames.CheckAttributes(values, thingType is not null);
        return await WriteAsync(
            (t, now) => t.InsertIotThing(new IotThingRow(accountId, name, thingType, EncodeAttributes(values), 1, now))
                ? true
                : throw new IamException(IamErrorCode.EntityAlreadyExists, $"A thing named {name} exists already in this account."),
            s => ThingOf(s, s.Things[(accountId, name)]),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<Thing> DescribeThingAsync(string accountId, string name, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return ThingOf(snapshot, FindThing(snapshot, accountId, name));
    }

    public async Task<IReadOnlyList<Thing>> ListThingsAsync(string accountId, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return [.. snapshot.Rows.Things.Where(t => t.AccountId == accountId).Select(t => ThingOf(snapshot, t))];
    }

    public async Task<Thing> UpdateThingAsync(string accountId, string name, ThingUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.ThingType is not null)
        {
            RegistryNames.CheckThingTypeName(update.ThingType);
            if (update.RemoveThingType)
            {
                throw new IamException(IamErrorCode.InvalidInput, "Give either thingTypeName or removeThingType, not both.");
            }
        }

        return await WriteAsync(
            (t, _) =>
            {
                var current = FindThing(_current!, accountId, name);
                if (update.ExpectedVersion is { } expected && expected != current.Version)
                {
                    // AWS answers VersionConflictException; the admin API has no such code, so the message says it.
                    throw new IamException(IamErrorCode.ValidationError, $"The thing {name} is at version {current.Version}, not the expected {expected}.");
                }

                var type = update.RemoveThingType ? null : update.ThingType ?? current.ThingType;
                var attributes = DecodeAttributes(current.Attributes);
                if (update.Attributes is { } given)
                {
                    if (!update.Merge)
                    {
                        attributes.Clear();
                    }

                    foreach (var (key, value) in given)
                    {
                        // UpdateThing with merge: "an empty attribute value removes the attribute" (AttributePayload).
                        if (value.Length == 0)
                        {
                            attributes.Remove(key);
                        }
                        else
                        {
                            attributes[key] = value;
                        }
                    }
                }

                RegistryNames.CheckAttributes(attributes, type is not null);
                return t.UpdateIotThing(current with { ThingType = type, Attributes = EncodeAttributes(attributes), Version = current.Version + 1 });
            },
            s => ThingOf(s, s.Things[(accountId, name)]),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the thing with its credentials, memberships and attachments: its device can do nothing more.</summary>
    public Task DeleteThingAsync(string accountId, string name, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) =>
            {
                t.DeleteIotCertificatesOfThing(accountId, name);
                return t.DeleteIotThing(accountId, name) ? true : throw NoThing(name);
            },
            _ => true,
            cancellationToken);

    // ---- Thing groups (CreateThingGroup, DescribeThingGroup, ListThingGroups, DeleteThingGroup, Add/RemoveThingToFromThingGroup) ----

    public Task<ThingGroup> CreateGroupAsync(string accountId, string name, string? description, CancellationToken cancellationToken)
    {
        RegistryNames.CheckGroupName(name);
        RegistryNames.CheckDescription(description);
        return WriteAsync(
            (t, now) => t.InsertIotThingGroup(new IotThingGroupRow(accountId, name, description ?? "", now))
                ? true
                : throw new IamException(IamErrorCode.EntityAlreadyExists, $"A thing group named {name} exists already in this account."),
            s => GroupOf(s, s.Groups[(accountId, name)]),
            cancellationToken);
    }

    public async Task<ThingGroup> DescribeGroupAsync(string accountId, string name, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return GroupOf(snapshot, FindGroup(snapshot, accountId, name));
    }

    public async Task<IReadOnlyList<ThingGroup>> ListGroupsAsync(string accountId, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return [.. snapshot.Rows.Groups.Where(g => g.AccountId == accountId).Select(g => GroupOf(snapshot, g))];
    }

    public Task DeleteGroupAsync(string accountId, string name, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) => t.DeleteIotThingGroup(accountId, name) ? true : throw NoGroup(name),
            _ => true,
            cancellationToken);

    public Task<ThingGroup> AddThingToGroupAsync(string accountId, string group, string thing, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) =>
            {
                var snapshot = _current!;
                FindGroup(snapshot, accountId, group);
                FindThing(snapshot, accountId, thing);
                var groups = snapshot.GroupsOf(accountId, thing).ToList();
                if (!groups.Contains(group, StringComparer.Ordinal) && groups.Count >= MaxGroupsPerThing)
                {
                    throw new IamException(IamErrorCode.LimitExceeded, $"The thing {thing} belongs to {MaxGroupsPerThing} thing groups already, the most it may.");
                }

                return t.AddIotGroupMember(new IotGroupMemberRow(accountId, group, thing));
            },
            s => GroupOf(s, s.Groups[(accountId, group)]),
            cancellationToken);

    public Task<ThingGroup> RemoveThingFromGroupAsync(string accountId, string group, string thing, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) =>
            {
                FindGroup(_current!, accountId, group);
                return t.RemoveIotGroupMember(new IotGroupMemberRow(accountId, group, thing))
                    ? true
                    : throw new IamException(IamErrorCode.NoSuchEntity, $"The thing {thing} is not in the thing group {group}.");
            },
            s => GroupOf(s, s.Groups[(accountId, group)]),
            cancellationToken);

    // ---- Device credentials ----

    /// <summary>A new active credential for the thing; the token is in the answer and nowhere else.</summary>
    public Task<IssuedDeviceCredential> CreateCredentialAsync(string accountId, string thing, CancellationToken cancellationToken)
    {
        var id = DeviceTokens.NewCredentialId();
        var token = DeviceTokens.NewToken();
        return WriteAsync(
            (t, now) =>
            {
                var snapshot = _current!;
                FindThing(snapshot, accountId, thing);
                if (CredentialCount(snapshot, accountId, thing) >= MaxCredentialsPerThing)
                {
                    throw new IamException(IamErrorCode.LimitExceeded, $"The thing {thing} has {MaxCredentialsPerThing} credentials already; delete one first.");
                }

                return t.InsertIotCredential(new IotCredentialRow(id, accountId, thing, DeviceTokens.Hash(token), true, now));
            },
            s => new IssuedDeviceCredential(CredentialOf(s.Credentials[id]), token),
            cancellationToken);
    }

    public async Task<IReadOnlyList<DeviceCredential>> ListCredentialsAsync(string accountId, string thing, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        FindThing(snapshot, accountId, thing);
        return [.. snapshot.Rows.Credentials.Where(c => c.AccountId == accountId && c.ThingName == thing).OrderBy(c => c.CreatedAt).Select(CredentialOf)];
    }

    private static int CredentialCount(RegistrySnapshot snapshot, string accountId, string thing) =>
        snapshot.Rows.Credentials.Count(c => c.AccountId == accountId && c.ThingName == thing)
        + snapshot.Certificates.Values.Count(c => c.AccountId == accountId && c.ThingName == thing);

    public Task<DeviceCredential> SetCredentialActiveAsync(string accountId, string credentialId, bool active, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) =>
            {
                FindCredential(_current!, accountId, credentialId);
                return t.SetIotCredentialActive(credentialId, active);
            },
            s => CredentialOf(s.Credentials[credentialId]),
            cancellationToken);

    /// <summary>
    /// Rotation: a new credential for the same thing, and the old one deactivated in the same transaction, so there
    /// is no moment with both or neither active. The old one stays listed (inactive) until deleted.
    /// </summary>
    public Task<IssuedDeviceCredential> RotateCredentialAsync(string accountId, string credentialId, CancellationToken cancellationToken)
    {
        if (DeviceCertificates.IsCertificateId(credentialId))
        {
            // Nuage never holds a device's private key, so it cannot issue a certificate in its place: a device
            // rotates by registering its new certificate, then disabling or deleting the old one.
            throw new IamException(IamErrorCode.InvalidInput, "A certificate is rotated by registering the new one and disabling the old one.");
        }

        var id = DeviceTokens.NewCredentialId();
        var token = DeviceTokens.NewToken();
        return WriteAsync(
            (t, now) =>
            {
                var old = FindCredential(_current!, accountId, credentialId);
                t.SetIotCredentialActive(credentialId, false);
                return t.InsertIotCredential(new IotCredentialRow(id, accountId, old.ThingName, DeviceTokens.Hash(token), true, now));
            },
            s => new IssuedDeviceCredential(CredentialOf(s.Credentials[id]), token),
            cancellationToken);
    }

    public Task DeleteCredentialAsync(string accountId, string credentialId, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) =>
            {
                FindCredential(_current!, accountId, credentialId);
                return t.DeleteIotCredential(credentialId);
            },
            _ => true,
            cancellationToken);

    // ---- IoT policies (CreatePolicy, GetPolicy, ListPolicies, DeletePolicy, AttachPolicy, DetachPolicy) ----

    public Task<IotPolicy> CreatePolicyAsync(string accountId, string name, string document, CancellationToken cancellationToken)
    {
        RegistryNames.CheckPolicyName(name);
        CheckPolicyDocument(document);
        return WriteAsync(
            (t, now) => t.InsertIotPolicy(new IotPolicyRow(accountId, name, document, now))
                ? true
                : throw new IamException(IamErrorCode.EntityAlreadyExists, $"An IoT policy named {name} exists already in this account."),
            s => PolicyOf(s, s.Policies[(accountId, name)]),
            cancellationToken);
    }

    public async Task<IotPolicy> GetPolicyAsync(string accountId, string name, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return PolicyOf(snapshot, FindPolicy(snapshot, accountId, name));
    }

    public async Task<IReadOnlyList<IotPolicy>> ListPoliciesAsync(string accountId, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return [.. snapshot.Rows.Policies.Where(p => p.AccountId == accountId).Select(p => PolicyOf(snapshot, p))];
    }

    /// <summary>As AWS IoT DeletePolicy: refused while the policy is attached (DeleteConflictException there).</summary>
    public Task DeletePolicyAsync(string accountId, string name, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) =>
            {
                var snapshot = _current!;
                FindPolicy(snapshot, accountId, name);
                if (snapshot.Rows.Attachments.Any(a => a.AccountId == accountId && a.PolicyName == name))
                {
                    throw new IamException(IamErrorCode.DeleteConflict, $"The IoT policy {name} is attached; detach it first.");
                }

                return t.DeleteIotPolicy(accountId, name);
            },
            _ => true,
            cancellationToken);

    public Task<IotPolicy> AttachPolicyAsync(string accountId, string name, PolicyTargetKind kind, string target, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) =>
            {
                var snapshot = _current!;
                FindPolicy(snapshot, accountId, name);
                FindTarget(snapshot, accountId, kind, target);
                return t.AttachIotPolicy(new IotPolicyAttachmentRow(accountId, name, Stored(kind), target));
            },
            s => PolicyOf(s, s.Policies[(accountId, name)]),
            cancellationToken);

    public Task<IotPolicy> DetachPolicyAsync(string accountId, string name, PolicyTargetKind kind, string target, CancellationToken cancellationToken) =>
        WriteAsync(
            (t, _) =>
            {
                FindPolicy(_current!, accountId, name);
                return t.DetachIotPolicy(new IotPolicyAttachmentRow(accountId, name, Stored(kind), target))
                    ? true
                    : throw new IamException(IamErrorCode.NoSuchEntity, $"The IoT policy {name} is not attached to {target}.");
            },
            s => PolicyOf(s, s.Policies[(accountId, name)]),
            cancellationToken);

    // ---- What the broker asks ----

    /// <summary>The account of an active credential, or null: read before the secret is checked (see <see cref="DeviceTokens"/>).</summary>
    public async ValueTask<string?> AccountOfCredentialAsync(string credentialId, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.Credentials.TryGetValue(credentialId, out var credential) && credential.Active ? credential.AccountId : null;
    }

    /// <summary>The device an active credential and its token stand for; null for anything else.</summary>
    public async ValueTask<DeviceIdentity?> AuthenticateAsync(string credentialId, ReadOnlyMemory<byte> token, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        if (!snapshot.Credentials.TryGetValue(credentialId, out var credential))
        {
            // Hash anyway, so an unknown id takes as long to refuse as a wrong token.
            DeviceTokens.Matches(token.Span, new byte[32]);
            return null;
        }

        return DeviceTokens.Matches(token.Span, credential.TokenHash) && credential.Active
            && snapshot.Things.ContainsKey((credential.AccountId, credential.ThingName))
            ? new DeviceIdentity(credential.AccountId, credential.ThingName, credential.CredentialId)
            : null;
    }

    /// <summary>Whether the device's credential is still active and its thing still exists (checked before every decision).</summary>
    public async ValueTask<bool> IsStillValidAsync(DeviceIdentity device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var snapshot = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        if (DeviceCertificates.IsCertificateId(device.CredentialId))
        {
            return snapshot.Certificates.TryGetValue(device.CredentialId, out var certificate)
                && IsUsable(snapshot, certificate, DateTimeOffset.UtcNow)
                && certificate.AccountId == device.AccountId && certificate.ThingName == device.ThingName;
        }

        return snapshot.Credentials.TryGetValue(device.CredentialId, out var credential)
            && credential.Active && credential.AccountId == device.AccountId && credential.ThingName == device.ThingName
            && snapshot.Things.ContainsKey((device.AccountId, device.ThingName));
    }

    /// <summary>The IoT policies attached to the thing and to its groups, parsed.</summary>
    public async ValueTask<IReadOnlyList<PolicyDocument>> PoliciesOfAsync(string accountId, string thingName, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).PoliciesOf(accountId, thingName);

    /// <summary>The thing's policy variables: its type, attributes and IsAttached (Authorization/ThingPolicyKeys).</summary>
    public async ValueTask<IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>> ThingPolicyKeysOfAsync(string accountId, string thingName, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).ThingPolicyKeysOf(accountId, thingName);

    // ---- ARNs (AWS IoT "Resource" ARNs: thing/NAME, thinggroup/NAME, policy/NAME) ----

    public string ThingArn(string accountId, string name) => Arn(accountId, "thing/", name);

    public string GroupArn(string accountId, string name) => Arn(accountId, "thinggroup/", name);

    public string PolicyArn(string accountId, string name) => Arn(accountId, "policy/", name);

    /// <summary>AWS IoT's topic rule ARN (rule/NAME), for docs/iot-rules.md's rules.</summary>
    public string RuleArn(string accountId, string name) => Arn(accountId, "rule/", name);

    /// <summary>
    /// A certificate's ARN is AWS IoT's (cert/ID); AWS IoT has no ARN for a token credential, and Nuage names one like
    /// its certificates': credential/ID.
    /// </summary>
    public string CredentialArn(string accountId, string credentialId) =>
        Arn(accountId, DeviceCertificates.IsCertificateId(credentialId) ? "cert/" : "credential/", credentialId);

    private string Arn(string accountId, string kind, string name) => string.Concat("arn:aws:iot:", options.Region, ":", accountId, ":", kind, name);

    // ---- Plumbing ----

    private async ValueTask<RegistrySnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current)
        {
            return current;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _current ??= await LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The committed registry: schema 014's rows and schema 020's certificates, read under the registry's lock.</summary>
    private async Task<RegistrySnapshot> LoadAsync(CancellationToken cancellationToken) =>
        new(await store.LoadIotRegistryAsync(cancellationToken).ConfigureAwait(false),
            await store.ListIotCertificatesAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Runs one write under the registry's lock: <paramref name="write"/> checks against the current snapshot and
    /// writes in the store's transaction (throwing there undoes it), then the committed state is reloaded and
    /// <paramref name="answer"/> reads the result from it.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<IMetadataTransaction, DateTimeOffset, bool> write, Func<RegistrySnapshot, T> answer, CancellationToken cancellationToken)
    {
        await CurrentAsync(cancellationToken).ConfigureAwait(false);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.WriteAsync(t => write(t, t.Now), cancellationToken).ConfigureAwait(false);
            var next = await LoadAsync(CancellationToken.None).ConfigureAwait(false);
            _current = next;
            Changed?.Invoke();
            return answer(next);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void CheckPolicyDocument(string document)
    {
        PolicyDocument parsed;
        try
        {
            parsed = PolicyDocument.Parse(document ?? "", PolicyKind.Identity);
        }
        catch (MalformedPolicyException e)
        {
            throw new IamException(IamErrorCode.MalformedPolicyDocument, e.Message);
        }

        if (PolicyDocument.CountSignificantCharacters(document!) > MaxPolicyCharacters)
        {
            throw new IamException(IamErrorCode.MalformedPolicyDocument, $"The policy document is longer than {MaxPolicyCharacters} characters (white space not counted).");
        }

        // An IoT policy grants AWS IoT actions only ("AWS IoT Core policies": Action is iot:...); an s3: action here
        // would grant nothing and is surely a mistake.
        foreach (var statement in parsed.Statements)
        {
            foreach (var action in (statement.Action ?? []).Concat(statement.NotAction ?? []))
            {
                if (action != "*" && !action.StartsWith("iot:", StringComparison.OrdinalIgnoreCase))
                {
                    throw new IamException(IamErrorCode.MalformedPolicyDocument, $"An IoT policy names iot: actions only, not \"{action}\".");
                }
            }
        }
    }

    private Thing ThingOf(RegistrySnapshot snapshot, IotThingRow row) =>
        new(row.AccountId, row.Name, ThingArn(row.AccountId, row.Name), row.ThingType, DecodeAttributes(row.Attributes), row.Version, row.CreatedAt,
            [.. snapshot.GroupsOf(row.AccountId, row.Name)]);

    private ThingGroup GroupOf(RegistrySnapshot snapshot, IotThingGroupRow row) =>
        new(row.AccountId, row.Name, GroupArn(row.AccountId, row.Name), row.Description, row.CreatedAt,
            [.. snapshot.Rows.Members.Where(m => m.AccountId == row.AccountId && m.GroupName == row.Name).Select(m => m.ThingName)]);

    private IotPolicy PolicyOf(RegistrySnapshot snapshot, IotPolicyRow row) =>
        new(row.AccountId, row.Name, PolicyArn(row.AccountId, row.Name), row.Document, row.CreatedAt,
            [.. snapshot.Rows.Attachments.Where(a => a.AccountId == row.AccountId && a.PolicyName == row.Name).Select(a => (a.TargetKind == IotPolicyTarget.Thing ? PolicyTargetKind.Thing : PolicyTargetKind.ThingGroup, a.TargetName))]);

    private static IotPolicyTarget Stored(PolicyTargetKind kind) => kind switch
    {
        PolicyTargetKind.Thing => IotPolicyTarget.Thing,
        PolicyTargetKind.ThingGroup => IotPolicyTarget.ThingGroup,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static DeviceCredential CredentialOf(IotCredentialRow row) => new(row.CredentialId, row.AccountId, row.ThingName, row.Active, row.CreatedAt);

    private static IotThingRow FindThing(RegistrySnapshot snapshot, string accountId, string name) =>
        snapshot.Things.GetValueOrDefault((accountId, name)) ?? throw NoThing(name);

    private static IotThingGroupRow FindGroup(RegistrySnapshot snapshot, string accountId, string name) =>
        snapshot.Groups.GetValueOrDefault((accountId, name)) ?? throw NoGroup(name);

    private static IotPolicyRow FindPolicy(RegistrySnapshot snapshot, string accountId, string name) =>
        snapshot.Policies.GetValueOrDefault((accountId, name)) ?? throw new IamException(IamErrorCode.NoSuchEntity, $"There is no IoT policy named {name} in this account.");

    /// <summary>A credential of the account; another account's is reported as missing, never as someone else's.</summary>
    private static IotCredentialRow FindCredential(RegistrySnapshot snapshot, string accountId, string credentialId) =>
        snapshot.Credentials.GetValueOrDefault(credentialId) is { } credential && credential.AccountId == accountId
            ? credential
            : throw new IamException(IamErrorCode.NoSuchEntity, $"There is no device credential {credentialId} in this account.");

    private static void FindTarget(RegistrySnapshot snapshot, string accountId, PolicyTargetKind kind, string name)
    {
        if (kind == PolicyTargetKind.Thing)
        {
            FindThing(snapshot, accountId, name);
        }
        else
        {
            FindGroup(snapshot, accountId, name);
        }
    }

    private static IamException NoThing(string name) => new(IamErrorCode.NoSuchEntity, $"There is no thing named {name} in this account.");

    private static IamException NoGroup(string name) => new(IamErrorCode.NoSuchEntity, $"There is no thing group named {name} in this account.");

    private static string EncodeAttributes(IReadOnlyDictionary<string, string> attributes) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(attributes.ToDictionary(), StringComparer.Ordinal));

    internal static Dictionary<string, string> DecodeAttributes(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
