using System.Net;
using Nuage.Integration.Tests.Access;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Iot;

/// <summary>An access key id and secret: MQTT user name and password (docs/iot.md "Connecting").</summary>
public sealed record IotKeys(string AccessKeyId, string Secret, string AccountId)
{
    /// <summary>The root key of a new account made through the admin API.</summary>
    public static async Task<IotKeys> NewAccountAsync(NuageServerFixture fixture, string purpose)
    {
        var account = await TestAccount.CreateAsync(fixture, purpose);
        return new IotKeys(account.AccessKey, account.SecretKey, account.Id) { Account = account };
    }

    /// <summary>
    /// The root key of a new account on a server a test started itself (one it restarts or kills), made through the
    /// admin API as the operator.
    /// </summary>
    public static async Task<IotKeys> NewAccountAsync(NuageProcess server, string purpose)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var operatorApi = Admin.AdminApi.AsOperator(server.ConsoleEndpoint);
        var name = $"{purpose}-{Guid.NewGuid().ToString("N")[..8]}";
        var created = (await operatorApi.PostAsync("/api/accounts", new { name })).Expect(HttpStatusCode.Created);
        return new IotKeys(created.String("rootAccessKey", "accessKeyId"), created.String("rootAccessKey", "secretAccessKey"), created.String("account", "id"))
        {
            AccountName = name,
        };
    }

    /// <summary>The name of the account, when made by <see cref="NewAccountAsync(NuageProcess, string)"/>.</summary>
    public string? AccountName { get; init; }

    /// <summary>
    /// A new IAM user of this account on a server a test started itself, made by the operator, with
    /// <paramref name="policy"/> as its inline policy "iot", and its key.
    /// </summary>
    public async Task<IotKeys> NewUserAsync(NuageProcess server, string userName, string policy)
    {
        ArgumentNullException.ThrowIfNull(server);
        var account = AccountName ?? throw new InvalidOperationException("Users are made in accounts created by NewAccountAsync.");
        using var operatorApi = Admin.AdminApi.AsOperator(server.ConsoleEndpoint);
        (await operatorApi.PostAsync($"/api/accounts/{account}/users", new { name = userName })).Expect(HttpStatusCode.Created);
        await PutUserPolicyAsync(server, userName, policy);
        var key = (await operatorApi.PostAsync($"/api/accounts/{account}/users/{userName}/keys")).Expect(HttpStatusCode.Created);
        return new IotKeys(key.String("accessKeyId"), key.String("secretAccessKey"), AccountId);
    }

    /// <summary>Replaces the inline policy "iot" of a user of this account, made by the operator.</summary>
    public async Task PutUserPolicyAsync(NuageProcess server, string userName, string policy)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var operatorApi = Admin.AdminApi.AsOperator(server.ConsoleEndpoint);
        (await operatorApi.PutAsync($"/api/accounts/{AccountName}/users/{userName}/policies/iot", policy)).Expect(HttpStatusCode.NoContent);
    }

    /// <summary>The account these keys belong to, when made by <see cref="NewAccountAsync(NuageServerFixture, string)"/>.</summary>
    public TestAccount? Account { get; init; }

    /// <summary>A new IAM user of this account, with <paramref name="policy"/> as its inline policy when given, and its key.</summary>
    public async Task<IotKeys> NewUserAsync(NuageServerFixture fixture, string userName, string? policy)
    {
        var account = Account ?? throw new InvalidOperationException("Users are made in accounts created by NewAccountAsync.");
        using var admin = account.Admin(fixture);
        (await admin.PostAsync($"/api/accounts/{account.Name}/users", new { name = userName })).Expect(HttpStatusCode.Created);
        if (policy is not null)
        {
            (await admin.PutAsync($"/api/accounts/{account.Name}/users/{userName}/policies/iot", policy)).Expect(HttpStatusCode.NoContent);
        }

        var key = (await admin.PostAsync($"/api/accounts/{account.Name}/users/{userName}/keys")).Expect(HttpStatusCode.Created);
        return new IotKeys(key.String("accessKeyId"), key.String("secretAccessKey"), AccountId);
    }

    /// <summary>
    /// An identity policy that allows connecting and publishing, subscribing and receiving on the topics that
    /// <paramref name="topicPattern"/> names (an IAM pattern, variables allowed) in <paramref name="accountId"/>'s account.
    /// </summary>
    public static string AllowTopics(string accountId, string topicPattern)
    {
        var arn = $"arn:aws:iot:*:{accountId}";
        return Allow(
            ("iot:Connect", "*"),
            ("iot:Publish", $"{arn}:topic/{topicPattern}"),
            ("iot:Subscribe", $"{arn}:topicfilter/{topicPattern}"),
            ("iot:Receive", $"{arn}:topic/{topicPattern}"));
    }

    /// <summary>An identity policy of Allow statements, each an action and a resource (ARN or "*").</summary>
    public static string Allow(params (string Action, string Resource)[] statements) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":["
        + string.Join(',', statements.Select(s => $"{{\"Effect\":\"Allow\",\"Action\":\"{s.Action}\",\"Resource\":\"{s.Resource}\"}}"))
        + "]}";
}
