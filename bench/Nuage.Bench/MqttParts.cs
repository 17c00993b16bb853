namespace Nuage.Bench;

/// <summary>Which parts of the scenario run: `mqtt` all of them, `mqtt-rules` and `mqtt-persistent` one each.</summary>
public enum MqttParts
{
    All,
    Rules,
    Persistent,
}
