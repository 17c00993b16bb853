using System.Text.Json.Nodes;

namespace Nuage.Iot.Shadows;

/// <summary>
/// A shadow's stored state: desired and reported sections and, beside each, its metadata, a tree of the same shape
/// whose leaves are <c>{"timestamp": SECONDS}</c> ("Device Shadow service documents", Document properties). Stored as
/// <c>{"state":{"desired":..,"reported":..},"metadata":{"desired":..,"reported":..}}</c>; a missing section is absent.
/// </summary>
internal sealed class ShadowState
{
    private static readonly string[] Sections = ["desired", "reported"];

    private readonly JsonObject _state;
    private readonly JsonObject _metadata;

    private ShadowState(JsonObject state, JsonObject metadata)
    {
        _state = state;
        _metadata = metadata;
    }

    public static ShadowState Empty() => new(new JsonObject(), new JsonObject());

    /// <summary>Reads what <see cref="ToStored"/> wrote (the store holds only documents this class made).</summary>
    public static ShadowState FromStored(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        return new ShadowState(root["state"]!.AsObject(), root["metadata"]!.AsObject());
    }

    public string ToStored() => new JsonObject { ["state"] = _state.DeepClone(), ["metadata"] = _metadata.DeepClone() }.ToJsonString();

    public JsonObject? Desired => _state["desired"] as JsonObject;

    public JsonObject? Reported => _state["reported"] as JsonObject;

    /// <summary>Bytes of the state without metadata, the figure AWS's 8 KB limit is on.</summary>
    public int StateBytes => System.Text.Encoding.UTF8.GetByteCount(_state.ToJsonString());

    /// <summary>
    /// Applies an update's state ("Device Shadow service documents"): per section, null removes the whole section;
    /// an object merges, where a null member removes that member, an object member merges into an object (and
    /// replaces anything else), and any other value (arrays included: "Array values in shadow documents") replaces
    /// the old one. Objects left empty by removals disappear. Every value written gets a fresh timestamp.
    /// </summary>
    public void Apply(JsonObject requestState, long timestamp)
    {
        foreach (var section in Sections)
        {
            if (!requestState.TryGetPropertyValue(section, out var change))
            {
                continue;
            }

            if (change is not JsonObject patch)
            {
                _state.Remove(section);
                _metadata.Remove(section);
                continue;
            }

            var target = _state[section] as JsonObject ?? new JsonObject();
            var targetMetadata = _metadata[section] as JsonObject ?? new JsonObject();
            Merge(target, targetMetadata, patch, timestamp);
            Set(_state, section, target.Count == 0 ? null : target);
            Set(_metadata, section, target.Count == 0 ? null : targetMetadata);
        }
    }

    /// <summary>
    /// Desired members whose value differs from reported ("Device Shadow service documents", Delta state): objects
    /// are compared member by member, anything else (arrays included) as a whole. Empty when they agree.
    /// </summary>
    public JsonObject Delta() => Desired is { } desired ? DeltaOf(desired, Reported) : new JsonObject();

    /// <summary>The desired metadata of the members of <paramref name="delta"/>, for the /delta message.</summary>
    public JsonObject DeltaMetadata(JsonObject delta) => Project(delta, _metadata["desired"] as JsonObject);

    /// <summary>The <c>state</c> and <c>metadata</c> members of a GET answer or a /documents side, each a copy.</summary>
    public (JsonObject State, JsonObject Metadata) Copy() => (_state.DeepClone().AsObject(), _metadata.DeepClone().AsObject());

    /// <summary>Metadata of a value just written: a timestamp per leaf, objects and arrays mirrored.</summary>
    public static JsonNode MetadataOf(JsonNode? value, long timestamp) => value switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)MetadataOf(p.Value, timestamp)))),
        JsonArray a => new JsonArray([.. a.Select(e => (JsonNode?)MetadataOf(e, timestamp))]),
        _ => new JsonObject { ["timestamp"] = timestamp },
    };

    private static void Merge(JsonObject target, JsonObject metadata, JsonObject patch, long timestamp)
    {
        foreach (var (name, value) in patch)
        {
            switch (value)
            {
                case null:
                    target.Remove(name);
                    metadata.Remove(name);
                    break;
                case JsonObject child:
                    var into = target[name] as JsonObject ?? new JsonObject();
                    var intoMetadata = metadata[name] as JsonObject ?? new JsonObject();
                    Merge(into, intoMetadata, child, timestamp);
                    Set(target, name, into.Count == 0 ? null : into);
                    Set(metadata, name, into.Count == 0 ? null : intoMetadata);
                    break;
                default:
                    target[name] = value.DeepClone();
                    metadata[name] = MetadataOf(value, timestamp);
                    break;
            }
        }
    }

    /// <summary>Sets or (for null) removes a member; a node already in place is not re-parented.</summary>
    private static void Set(JsonObject parent, string name, JsonObject? value)
    {
        if (value is null)
        {
            parent.Remove(name);
        }
        else if (!ReferenceEquals(parent[name], value))
        {
            parent[name] = value;
        }
    }

    private static JsonObject DeltaOf(JsonObject desired, JsonObject? reported)
    {
        var delta = new JsonObject();
        foreach (var (name, wanted) in desired)
        {
            JsonNode? actual = null;
            var known = reported?.TryGetPropertyValue(name, out actual) == true;
            if (wanted is JsonObject wantedObject && actual is JsonObject actualObject)
            {
                var inner = DeltaOf(wantedObject, actualObject);
                if (inner.Count > 0)
                {
                    delta[name] = inner;
                }
            }
            else if (!known || !JsonNode.DeepEquals(wanted, actual))
            {
                delta[name] = wanted?.DeepClone();
            }
        }

        return delta;
    }

    private static JsonObject Project(JsonObject shape, JsonObject? metadata)
    {
        var projected = new JsonObject();
        foreach (var (name, value) in shape)
        {
            var source = metadata?[name];
            projected[name] = value is JsonObject inner && source is JsonObject innerMetadata
                ? Project(inner, innerMetadata)
                : source?.DeepClone();
        }

        return projected;
    }
}
