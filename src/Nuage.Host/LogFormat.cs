namespace Nuage.Host;

/// <summary>How `nuage server` writes its log (--log-format): readable single lines, or one JSON object per line.</summary>
public enum LogFormat
{
    Text,
    Json,
}
