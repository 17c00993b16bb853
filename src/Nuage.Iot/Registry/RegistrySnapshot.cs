using Nuage.Iam.Policies;
using Nuage.Iot.Authorization;
using Nuage.Metadata;

namespace Nuage.Iot.Registry;

/// <summary>
/// One committed state of the registry, indexed for the broker's questions (a credential by id, the policies that
/// apply to a thing) and the admin API's listings. Immutable: a write builds the next snapshot.
/// </summary>
internal sealed class RegistrySnapshot
{
    public static readonly RegistrySnapshot Empty = new(new IotRegistryRows([], [], [], [], [], []), []);

    public RegistrySnapshot(IotRegistryRows rows, IReadOnlyList<IotCertificateRow> certificates)
    {
        Rows = rows;
        Certificates = certificates.ToDictionary(c => c.CertificateId, StringComparer.Ordinal);
        Things = rows.Things.ToDictionary(t => (t.AccountId, t.Name));
        Groups = rows.Groups.ToDictionary(g => (g.AccountId, g.Name));
        Credentials = rows.Credentials.ToDictionary(c => c.CredentialId, StringComparer.Ordinal);
        Policies = rows.Policies.ToDictionary(p => (p.AccountId, p.Name));
        var parsed = new Dictionary<(string, string), PolicyDocument>();
        foreach (var policy in rows.Policies)
        {
            try
            {
                parsed[(policy.AccountId, policy.Name)] = PolicyDocument.Parse(policy.Document, PolicyKind.Identity);
            }
            catch (MalformedPolicyException)
            {
                // Checked when created; a document the parser has since learnt to refuse grants nothing rather than
                // stopping the broker.
            }
        }

        _parsedPolicies = parsed;
    }

    private readonly Dictionary<(string, string), PolicyDocument> _parsedPolicies;
    private readonly Dictionary<(string, string), IReadOnlyList<PolicyDocument>> _policiesOfThing = [];
    private readonly Dictionary<(string, string), IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>> _keysOfThing = [];
    private readonly Lock _policiesLock = new();

    public IotRegistryRows Rows { get; }

    public Dictionary<(string AccountId, string Name), IotThingRow> Things { get; }

    public Dictionary<(string AccountId, string Name), IotThingGroupRow> Groups { get; }

    public Dictionary<string, IotCredentialRow> Credentials { get; }

    public Dictionary<(string AccountId, string Name), IotPolicyRow> Policies { get; }

    /// <summary>X.509 device certificates by id (schema 020), read beside the rows of schema 014.</summary>
    public Dictionary<string, IotCertificateRow> Certificates { get; }

    public IEnumerable<string> GroupsOf(string accountId, string thingName) =>
        Rows.Members.Where(m => m.AccountId == accountId && m.ThingName == thingName).Select(m => m.GroupName);

    /// <summary>The parsed policies attached to the thing or to one of its groups (AWS IoT: a thing's effective policies).</summary>
    public IReadOnlyList<PolicyDocument> PoliciesOf(string accountId, string thingName)
    {
        lock (_policiesLock)
        {
            if (_policiesOfThing.TryGetValue((accountId, thingName), out var cached))
            {
                return cached;
            }

            var groups = GroupsOf(accountId, thingName).ToHashSet(StringComparer.Ordinal);
            var documents = Rows.Attachments
                .Where(a => a.AccountId == accountId
                    && ((a.TargetKind == IotPolicyTarget.Thing && a.TargetName == thingName)
                        || (a.TargetKind == IotPolicyTarget.ThingGroup && groups.Contains(a.TargetName))))
                .Select(a => a.PolicyName)
                .Distinct(StringComparer.Ordinal)
                .Select(name => _parsedPolicies.GetValueOrDefault((accountId, name)))
                .OfType<PolicyDocument>()
                .ToList();
            _policiesOfThing[(accountId, thingName)] = documents;
            return documents;
        }
    }

    /// <summary>A thing's policy variables (<see cref="ThingPolicyKeys"/>), cached as its policies are; none for a thing that is gone.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> ThingPolicyKeysOf(string accountId, string thingName)
    {
        lock (_policiesLock)
        {
            if (_keysOfThing.TryGetValue((accountId, thingName), out var cached))
            {
                return cached;
            }

            IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> keys = Things.TryGetValue((accountId, thingName), out var row)
                ? ThingPolicyKeys.Of(row.ThingType, IotRegistry.DecodeAttributes(row.Attributes))
                : [];
            _keysOfThing[(accountId, thingName)] = keys;
            return keys;
        }
    }
}
