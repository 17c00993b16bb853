using System.Text;
using System.Text.Json.Nodes;
using Nuage.Metadata;

namespace Nuage.Iot.Shadows;

/// <summary>
/// AWS IoT's Device Shadow service ("Interacting with shadows"): GET, UPDATE and DELETE of a thing's classic or named
/// shadows, for both doors (MQTT topics and the iotdata HTTP API). Shadows are rows of the metadata store; an update's
/// version check, merge and increment run inside one write transaction, so of two concurrent updates expecting the
/// same version exactly one wins and the other gets 409 "Version conflict". A shadow needs no registered thing.
/// </summary>
public sealed class ShadowService(IMetadataStore store, IShadowNotifier notifier, TimeProvider time)
{
    public async ValueTask<ShadowResult> GetAsync(ShadowAddress address, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var request = ShadowRequest.Parse(payload.Span, needsState: false, out var invalid);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (request is null)
        {
            return Rejected(invalid!, null, now);
        }

        var row = await store.GetShadowAsync(address.AccountId, address.ThingName, address.ShadowName, cancellationToken).ConfigureAwait(false);
        if (row?.Document is not { } document)
        {
            return Rejected(ShadowError.NotFound(address), request.ClientToken, now);
        }

        // "Device Shadow service documents", /get/accepted: state with desired, reported and (when they differ) delta.
        var shadow = ShadowState.FromStored(document);
        var (state, metadata) = shadow.Copy();
        var delta = shadow.Delta();
        if (delta.Count > 0)
        {
            state["delta"] = delta;
        }

        return new ShadowResult(null, Serialize(Answer(state, metadata, row.Version, now, request.ClientToken)));
    }

    public async ValueTask<ShadowResult> UpdateAsync(ShadowAddress address, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var request = ShadowRequest.Parse(payload.Span, needsState: true, out var invalid);
        if (request is null)
        {
            return Rejected(invalid!, null, time.GetUtcNow().ToUnixTimeSeconds());
        }

        var outcome = await store.WriteAsync(tx => Update(tx, address, request), cancellationToken).ConfigureAwait(false);
        if (outcome.Error is { } error)
        {
            return Rejected(error, request.ClientToken, outcome.Timestamp);
        }

        var accepted = Serialize(outcome.Accepted!);
        await notifier.PublishAsync(address.AccountId, ShadowTopic.Response(address, "update/accepted"), accepted).ConfigureAwait(false);
        await notifier.PublishAsync(address.AccountId, ShadowTopic.Response(address, "update/documents"), Serialize(outcome.Documents!)).ConfigureAwait(false);
        if (outcome.Delta is { } delta)
        {
            await notifier.PublishAsync(address.AccountId, ShadowTopic.Response(address, "update/delta"), Serialize(delta)).ConfigureAwait(false);
        }

        return new ShadowResult(null, accepted);
    }

    public async ValueTask<ShadowResult> DeleteAsync(ShadowAddress address, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var request = ShadowRequest.Parse(payload.Span, needsState: false, out var invalid);
        if (request is null)
        {
            return Rejected(invalid!, null, time.GetUtcNow().ToUnixTimeSeconds());
        }

        var (error, version, timestamp) = await store.WriteAsync(tx =>
        {
            var now = tx.Now.ToUnixTimeSeconds();
            var row = tx.GetShadow(address.AccountId, address.ThingName, address.ShadowName);
            if (row?.Document is null)
            {
                return (ShadowError.NotFound(address), 0L, now);
            }

            if (request.Version is { } expected && expected != row.Version)
            {
                return (ShadowError.VersionConflict, 0L, now);
            }

            // The row stays without a document: a shadow created again continues this version ("Versioning shadow documents").
            tx.PutShadow(row with { Document = null });
            return ((ShadowError?)null, row.Version, now);
        }, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Rejected(error, request.ClientToken, timestamp);
        }

        var accepted = new JsonObject { ["version"] = version, ["timestamp"] = timestamp };
        if (request.ClientToken is { } token)
        {
            accepted["clientToken"] = token;
        }

        var body = Serialize(accepted);
        await notifier.PublishAsync(address.AccountId, ShadowTopic.Response(address, "delete/accepted"), body).ConfigureAwait(false);
        return new ShadowResult(null, body);
    }

    /// <summary>ListNamedShadowsForThing: a page of the thing's named shadows; the token is the last name, base64url-encoded.</summary>
    public async ValueTask<ShadowNameList?> ListNamedAsync(string accountId, string thingName, string? nextToken, int pageSize, CancellationToken cancellationToken)
    {
        var after = string.Empty;
        if (!string.IsNullOrEmpty(nextToken))
        {
            try
            {
                after = Encoding.UTF8.GetString(Base64Url(nextToken));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        var names = await store.ListShadowNamesAsync(accountId, thingName, after, pageSize + 1, cancellationToken).ConfigureAwait(false);
        var page = names.Take(pageSize).ToList();
        var token = names.Count > pageSize ? System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(page[^1])) : null;
        return new ShadowNameList(page, token, time.GetUtcNow().ToUnixTimeSeconds());
    }

    private static byte[] Base64Url(string token) => System.Buffers.Text.Base64Url.DecodeFromChars(token);

    private static UpdateOutcome Update(IMetadataTransaction tx, ShadowAddress address, ShadowRequest request)
    {
        var now = tx.Now.ToUnixTimeSeconds();
        var row = tx.GetShadow(address.AccountId, address.ThingName, address.ShadowName);
        var current = row?.Version ?? 0;
        if (request.Version is { } expected && expected != current)
        {
            return new UpdateOutcome(ShadowError.VersionConflict, now);
        }

        var previous = row?.Document is { } stored ? ShadowState.FromStored(stored) : null;
        var shadow = previous is null ? ShadowState.Empty() : ShadowState.FromStored(row!.Document!);
        shadow.Apply(request.State!, now);
        if (shadow.StateBytes > ShadowLimits.MaxStateBytes)
        {
            return new UpdateOutcome(ShadowError.PayloadTooLarge, now);
        }

        var version = current + 1;
        tx.PutShadow(new ShadowRow(address.AccountId, address.ThingName, address.ShadowName, version, shadow.ToStored()));

        // /update/accepted echoes the request's state with the metadata of what it wrote ("Response state documents").
        var accepted = new JsonObject
        {
            ["state"] = request.State!.DeepClone(),
            ["metadata"] = ShadowState.MetadataOf(request.State, now),
            ["version"] = version,
            ["timestamp"] = now,
        };
        AddToken(accepted, request.ClientToken);

        var documents = new JsonObject
        {
            ["previous"] = previous is null ? null : Side(previous, current),
            ["current"] = Side(shadow, version),
            ["timestamp"] = now,
        };
        AddToken(documents, request.ClientToken);

        // /update/delta: only after an update of desired that leaves desired and reported apart ("/update/delta").
        JsonObject? deltaMessage = null;
        var delta = shadow.Delta();
        if (request.Touches("desired") && delta.Count > 0)
        {
            deltaMessage = new JsonObject
            {
                ["state"] = delta,
                ["metadata"] = shadow.DeltaMetadata(delta),
                ["version"] = version,
                ["timestamp"] = now,
            };
            AddToken(deltaMessage, request.ClientToken);
        }

        return new UpdateOutcome(null, now, accepted, documents, deltaMessage);
    }

    private static JsonObject Side(ShadowState shadow, long version)
    {
        var (state, metadata) = shadow.Copy();
        return new JsonObject { ["state"] = state, ["metadata"] = metadata, ["version"] = version };
    }

    private static JsonObject Answer(JsonObject state, JsonObject metadata, long version, long timestamp, string? clientToken)
    {
        var answer = new JsonObject { ["state"] = state, ["metadata"] = metadata, ["version"] = version, ["timestamp"] = timestamp };
        AddToken(answer, clientToken);
        return answer;
    }

    private static ShadowResult Rejected(ShadowError error, string? clientToken, long timestamp)
    {
        // "Device Shadow service documents", Error response document.
        var body = new JsonObject { ["code"] = error.Code, ["message"] = error.Message, ["timestamp"] = timestamp };
        AddToken(body, clientToken);
        return new ShadowResult(error, Serialize(body));
    }

    private static void AddToken(JsonObject document, string? clientToken)
    {
        if (clientToken is not null)
        {
            document["clientToken"] = clientToken;
        }
    }

    private static byte[] Serialize(JsonObject document) => Encoding.UTF8.GetBytes(document.ToJsonString());

    private sealed record UpdateOutcome(
        ShadowError? Error, long Timestamp, JsonObject? Accepted = null, JsonObject? Documents = null, JsonObject? Delta = null);
}
