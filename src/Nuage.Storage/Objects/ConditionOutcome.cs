namespace Nuage.Storage.Objects;

/// <summary>Result of evaluating HTTP preconditions: go on, answer 304, or answer 412.</summary>
public enum ConditionOutcome
{
    Proceed,
    NotModified,
    PreconditionFailed,
}
