using System.Net;

namespace Nuage.Host;

/// <summary>Everything `nuage server` is told, after flags, NUAGE_* variables and defaults are merged. Immutable.</summary>
public sealed record NuageServerOptions
{
    /// <summary>Data directory: metadata, blobs, root credentials. Default ./data (NUAGE_DATA).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>S3 listener. Default 127.0.0.1:9000 (NUAGE_LISTEN). Port 0 picks a free port.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>
    /// Console listener: admin API under /api/, /health/live, /health/ready. Default 127.0.0.1:9001
    /// (NUAGE_CONSOLE_LISTEN). Port 0 picks a free port.
    /// </summary>
    public required IPEndPoint ConsoleListen { get; init; }

    /// <summary>
    /// MQTT listener (TCP, MQTT 3.1.1 and 5). Default 127.0.0.1:1883 (NUAGE_MQTT_LISTEN). Port 0 picks a free port.
    /// MQTT over WebSocket is served at /mqtt on the console listener.
    /// </summary>
    public IPEndPoint MqttListen { get; init; } = new(IPAddress.Loopback, DefaultMqttPort);

    /// <summary>
    /// MQTT over TLS (--mqtt-tls-listen, --mqtt-tls-certificate, --mqtt-tls-key): its address and server certificate;
    /// null (the default) when no certificate is configured, and then no TLS listener runs.
    /// </summary>
    public MqttTlsSettings? MqttTls { get; init; }

    /// <summary>
    /// MQTT limits a user may change (docs/iot.md "Limits"): largest packet in bytes (NUAGE_MQTT_MAX_PACKET_SIZE,
    /// default 256 KiB) and CONNECTs per second from one source address (NUAGE_MQTT_CONNECT_RATE, default 100).
    /// </summary>
    public Mqtt.Limits.MqttLimits MqttLimits { get; init; } = new();

    /// <summary>Region name. Default "local" (NUAGE_REGION).</summary>
    public required string Region { get; init; }

    /// <summary>
    /// The federation this region belongs to, read and validated from --federation (NUAGE_FEDERATION); null for a
    /// region on its own.
    /// </summary>
    public Regions.Federation.FederationConfig? Federation { get; init; }

    /// <summary>Domain for virtual-host style addressing (bucket.domain). Default none (NUAGE_DOMAIN).</summary>
    public string? Domain { get; init; }

    /// <summary>
    /// Slowest request body accepted, in bytes per second averaged over the upload, once <see cref="UploadRateGrace"/>
    /// has passed; slower senders are cut off (400 RequestTimeout) so no one can hold a connection open forever by
    /// trickling bytes. 0 disables the check. Default 1024 (NUAGE_MIN_UPLOAD_RATE).
    /// </summary>
    public int MinUploadRate { get; init; } = DefaultMinUploadRate;

    /// <summary>How long an upload may run below <see cref="MinUploadRate"/> at its start. Default 20 s (NUAGE_UPLOAD_GRACE).</summary>
    public TimeSpan UploadRateGrace { get; init; } = TimeSpan.FromSeconds(DefaultUploadGraceSeconds);

    /// <summary>
    /// New buckets get S3's pre-2023 defaults (ACLs enabled, no Block Public Access), for tools and suites written
    /// before then. Default false (NUAGE_LEGACY_BUCKET_DEFAULTS=1 turns it on).
    /// </summary>
    public bool LegacyBucketDefaults { get; init; }

    /// <summary>Length of a lifecycle "day" (NUAGE_LIFECYCLE_DAY_SECONDS); one day unless a test shortens it.</summary>
    public TimeSpan LifecycleDay { get; init; } = TimeSpan.FromDays(1);

    /// <summary>S3's smallest part but the last of a multipart upload: 5 MiB.</summary>
    public const int DefaultMinPartSize = 5 * 1024 * 1024;

    /// <summary>
    /// Smallest multipart part but the last (NUAGE_MIN_PART_SIZE); S3's 5 MiB unless the operator lowers it, as Ceph
    /// RGW's rgw_multipart_min_part_size allows (tests use it to build uploads of many parts cheaply).
    /// </summary>
    public int MinPartSize { get; init; } = DefaultMinPartSize;

    /// <summary>
    /// Pause between deliveries of server access log objects (NUAGE_ACCESS_LOG_INTERVAL_SECONDS); five minutes unless
    /// a test shortens it.
    /// </summary>
    public TimeSpan AccessLogInterval { get; init; } = TimeSpan.FromSeconds(S3.S3FrontDoorOptions.DefaultAccessLogIntervalSeconds);

    /// <summary>
    /// Pause between passes of the sweep that releases bucket names this region holds without a bucket
    /// (NUAGE_BUCKET_NAME_SWEEP_SECONDS, docs/regions.md "Reconciling names"); a minute unless a test shortens it.
    /// </summary>
    public TimeSpan BucketNameSweepInterval { get; init; } = Regions.Registry.BucketNameSweep.DefaultInterval;

    /// <summary>
    /// The metadata database (--metadata, NUAGE_METADATA): a postgresql:// URL selects the PostgreSQL engine
    /// (docs/metadata-engines.md "Running on PostgreSQL"); null (the default) keeps SQLite in the data directory.
    /// Checked by <see cref="Metadata.Postgres.PostgresUrl"/> when the options are read.
    /// </summary>
    public string? Metadata { get; init; }

    /// <summary>Least severe log level written. Default Information (NUAGE_LOG_LEVEL), which includes one line per request.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>Log line format: readable text (default) or one JSON object per line (NUAGE_LOG_FORMAT).</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    public const int DefaultMqttPort = 1883;
    public const int DefaultMinUploadRate = 1024;
    public const int DefaultUploadGraceSeconds = 20;
}
