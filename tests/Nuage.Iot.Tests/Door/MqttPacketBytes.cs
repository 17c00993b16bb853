namespace Nuage.Iot.Tests.Door;

/// <summary>Raw MQTT packets for the packet size guards' tests.</summary>
internal static class MqttPacketBytes
{
    /// <summary>A packet of <paramref name="bodyLength"/> bytes after its fixed header (§2.1.1), the body filled with 0x55.</summary>
    public static byte[] Packet(byte type, int bodyLength)
    {
        var header = new List<byte> { type };
        var value = bodyLength;
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            header.Add(value > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (value > 0);
        return [.. header, .. Enumerable.Repeat((byte)0x55, bodyLength)];
    }
}
