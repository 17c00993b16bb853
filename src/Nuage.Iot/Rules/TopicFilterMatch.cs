namespace Nuage.Iot.Rules;

/// <summary>
/// Whether a topic name matches a topic filter with MQTT's wildcards: '+' one level, '#' (last) this level and all
/// below, including the parent (MQTT 5 §4.7.1.2-3). A filter starting with a wildcard does not match a topic starting
/// with '$' (§4.7.2), so a rule on "#" does not see $aws shadow traffic.
/// </summary>
public static class TopicFilterMatch
{
    public static bool Matches(string filter, string topic)
    {
        if (topic.Length > 0 && topic[0] == '$' && filter.Length > 0 && filter[0] is '+' or '#')
        {
            return false;
        }

        int f = 0;
        int t = 0;
        while (true)
        {
            int fEnd = filter.IndexOf('/', f);
            string level = fEnd < 0 ? filter[f..] : filter[f..fEnd];
            if (level == "#")
            {
                return true;
            }

            if (t > topic.Length)
            {
                // The topic has no level left; "a/#" still matches "a" (handled above when '#' is reached).
                return false;
            }

            int tEnd = topic.IndexOf('/', t);
            var topicLevel = tEnd < 0 ? topic.AsSpan(t) : topic.AsSpan(t, tEnd - t);
            if (level != "+" && !topicLevel.SequenceEqual(level))
            {
                return false;
            }

            if (fEnd < 0)
            {
                return tEnd < 0;
            }

            f = fEnd + 1;
            if (tEnd < 0)
            {
                // Topic ended; only a remaining "#" level can still match.
                return filter.AsSpan(f).SequenceEqual("#");
            }

            t = tEnd + 1;
        }
    }
}
