namespace Nuage.Iam.Authorization;

/// <summary>
/// The one place that decides whether a request may act (DESIGN.md "Accounts and identities"): front doors ask it
/// after routing and before dispatch, with the typed action and resource; none decides on its own.
/// </summary>
public interface IAccessAuthorizer
{
    /// <summary>True when the query is allowed; false for an explicit or implicit deny.</summary>
    ValueTask<bool> IsAllowedAsync(AccessQuery query, CancellationToken cancellationToken);
}
