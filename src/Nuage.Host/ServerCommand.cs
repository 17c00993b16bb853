using System.CommandLine;

namespace Nuage.Host;

/// <summary>`nuage server`: the options of a region and their NUAGE_* environment variables (DESIGN.md "Running it").</summary>
public static class ServerCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "Data directory for metadata and object data [env: NUAGE_DATA]",
            DefaultValueFactory = _ => Env("NUAGE_DATA") ?? "./data",
        };
        var metadata = new Option<string?>("--metadata")
        {
            Description = "Metadata database: a PostgreSQL URL, postgresql://USER:PASSWORD@HOST:PORT[,HOST2:PORT2]/DB[?target_session_attrs=read-write], "
                + "selects the PostgreSQL engine (docs/metadata-engines.md); without it, SQLite in the data directory [env: NUAGE_METADATA]",
            DefaultValueFactory = _ => Env("NUAGE_METADATA"),
        };
        var listen = new Option<string>("--listen")
        {
            Description = "HOST:PORT of the S3 endpoint; port 0 picks a free one [env: NUAGE_LISTEN]",
            DefaultValueFactory = _ => Env("NUAGE_LISTEN") ?? "127.0.0.1:9000",
        };
        var consoleListen = new Option<string>("--console-listen")
        {
            Description = "HOST:PORT of the console port: admin API under /api/, Prometheus /metrics, /health/live, /health/ready, MQTT over WebSocket at /mqtt; port 0 picks a free one "
                + "[env: NUAGE_CONSOLE_LISTEN]",
            DefaultValueFactory = _ => Env("NUAGE_CONSOLE_LISTEN") ?? "127.0.0.1:9001",
        };
        var mqttListen = new Option<string>("--mqtt-listen")
        {
            Description = "HOST:PORT of the MQTT listener (MQTT 3.1.1 and 5 over TCP; WebSocket is at /mqtt on the console port); port 0 picks a free one "
                + "[env: NUAGE_MQTT_LISTEN]",
            DefaultValueFactory = _ => Env("NUAGE_MQTT_LISTEN") ?? "127.0.0.1:1883",
        };
        var mqttTlsListen = new Option<string?>("--mqtt-tls-listen")
        {
            Description = "HOST:PORT of the MQTT over TLS listener (TLS 1.2+; devices may authenticate with a registered client certificate); on only when "
                + "--mqtt-tls-certificate is given; port 0 picks a free one [env: NUAGE_MQTT_TLS_LISTEN] [default: 127.0.0.1:8883]",
            DefaultValueFactory = _ => Env("NUAGE_MQTT_TLS_LISTEN"),
        };
        var mqttTlsCertificate = new Option<string?>("--mqtt-tls-certificate")
        {
            Description = "PEM file of the MQTT TLS listener's server certificate (its chain may follow it) [env: NUAGE_MQTT_TLS_CERTIFICATE]",
            DefaultValueFactory = _ => Env("NUAGE_MQTT_TLS_CERTIFICATE"),
        };
        var mqttTlsKey = new Option<string?>("--mqtt-tls-key")
        {
            Description = "PEM file of that certificate's private key (unencrypted) [env: NUAGE_MQTT_TLS_KEY]",
            DefaultValueFactory = _ => Env("NUAGE_MQTT_TLS_KEY"),
        };
        var mqttMaxPacketSize = new Option<string?>("--mqtt-max-packet-size")
        {
            Description = "Largest MQTT packet accepted, in bytes; a larger PUBLISH closes its connection (MQTT 5: DISCONNECT 0x95) "
                + $"[env: NUAGE_MQTT_MAX_PACKET_SIZE] [default: {Mqtt.Limits.MqttLimits.DefaultMaxPacketSize}]",
            DefaultValueFactory = _ => Env("NUAGE_MQTT_MAX_PACKET_SIZE"),
        };
        var mqttConnectRate = new Option<string?>("--mqtt-connect-rate")
        {
            Description = "MQTT CONNECTs per second accepted from one source address (bursts to twice that); more get CONNACK 0x9F "
                + $"[env: NUAGE_MQTT_CONNECT_RATE] [default: {Mqtt.Limits.MqttLimits.DefaultConnectsPerSecondPerAddress}]",
            DefaultValueFactory = _ => Env("NUAGE_MQTT_CONNECT_RATE"),
        };
        var mqttMaxKeepAlive = new Option<string?>("--mqtt-max-keep-alive")
        {
            Description = "Longest MQTT 5 keep alive in seconds: a client asking for more or for none is given this one in CONNACK (Server Keep Alive) "
                + $"[env: NUAGE_MQTT_MAX_KEEP_ALIVE] [default: {Mqtt.Limits.MqttLimits.DefaultMaxKeepAliveSeconds}]",
            DefaultValueFactory = _ => Env("NUAGE_MQTT_MAX_KEEP_ALIVE"),
        };
        var mqttMaxInflight = new Option<string?>("--mqtt-max-inflight")
        {
            Description = "QoS 1 and 2 messages the broker has unacknowledged toward one client at once; the rest wait in its session's queue "
                + $"[env: NUAGE_MQTT_MAX_INFLIGHT] [default: {Mqtt.Limits.MqttLimits.DefaultMaxInflightMessages}]",
            DefaultValueFactory = _ => Env("NUAGE_MQTT_MAX_INFLIGHT"),
        };
        var region = new Option<string>("--region")
        {
            Description = "Name of this region, checked against CreateBucket's LocationConstraint [env: NUAGE_REGION]",
            DefaultValueFactory = _ => Env("NUAGE_REGION") ?? "local",
        };
        var federation = new Option<string?>("--federation")
        {
            Description = "Federation file (YAML) listing every region, its endpoints and the control region; --region names this one in it (docs/regions.md) "
                + "[env: NUAGE_FEDERATION]",
            DefaultValueFactory = _ => Env("NUAGE_FEDERATION"),
        };
        var domain = new Option<string?>("--domain")
        {
            Description = "Domain for virtual-host style requests (bucket.DOMAIN); path style always works [env: NUAGE_DOMAIN]",
            DefaultValueFactory = _ => Env("NUAGE_DOMAIN"),
        };

        var minUploadRate = new Option<string?>("--min-upload-rate")
        {
            Description = "Slowest accepted request body in bytes/s, averaged, after the grace period; 0 disables "
                + $"[env: NUAGE_MIN_UPLOAD_RATE] [default: {NuageServerOptions.DefaultMinUploadRate}]",
            DefaultValueFactory = _ => Env("NUAGE_MIN_UPLOAD_RATE"),
        };
        var uploadGrace = new Option<string?>("--upload-grace")
        {
            Description = "Seconds an upload may run below --min-upload-rate at its start "
                + $"[env: NUAGE_UPLOAD_GRACE] [default: {NuageServerOptions.DefaultUploadGraceSeconds}]",
            DefaultValueFactory = _ => Env("NUAGE_UPLOAD_GRACE"),
        };

        var legacyBucketDefaults = new Option<bool>("--legacy-bucket-defaults")
        {
            Description = "New buckets get S3's pre-2023 defaults: ACLs enabled, no Block Public Access (for ceph/s3-tests and older tools) [env: NUAGE_LEGACY_BUCKET_DEFAULTS=1]",
            DefaultValueFactory = _ => Env("NUAGE_LEGACY_BUCKET_DEFAULTS") is "1" or "true" or "yes",
        };

        var lifecycleDay = new Option<string?>("--lifecycle-day-seconds")
        {
            Description = "Length in seconds of a \"day\" in lifecycle rules, shortened only to test rules [env: NUAGE_LIFECYCLE_DAY_SECONDS] [default: 86400]",
            DefaultValueFactory = _ => Env("NUAGE_LIFECYCLE_DAY_SECONDS"),
        };

        // Ceph RGW has the same setting (rgw_multipart_min_part_size); AWS's 5 MiB is the default.
        var minPartSize = new Option<string?>("--min-part-size")
        {
            Description = "Smallest multipart part but the last, in bytes (S3's EntityTooSmall below it) [env: NUAGE_MIN_PART_SIZE] [default: 5242880, as S3]",
            DefaultValueFactory = _ => Env("NUAGE_MIN_PART_SIZE"),
        };

        var accessLogInterval = new Option<string?>("--access-log-interval-seconds")
        {
            Description = "Seconds between deliveries of S3 server access log objects into their target buckets "
                + $"[env: NUAGE_ACCESS_LOG_INTERVAL_SECONDS] [default: {S3.S3FrontDoorOptions.DefaultAccessLogIntervalSeconds}]",
            DefaultValueFactory = _ => Env("NUAGE_ACCESS_LOG_INTERVAL_SECONDS"),
        };

        var bucketNameSweep = new Option<string?>("--bucket-name-sweep-seconds")
        {
            Description = "In a federation, seconds between passes that release bucket names this region holds without a bucket "
                + $"[env: NUAGE_BUCKET_NAME_SWEEP_SECONDS] [default: {(int)Regions.Registry.BucketNameSweep.DefaultInterval.TotalSeconds}]",
            DefaultValueFactory = _ => Env("NUAGE_BUCKET_NAME_SWEEP_SECONDS"),
        };

        var logLevel = new Option<string>("--log-level")
        {
            Description = "Least severe log entries written: trace, debug, information (one line per request), warning, error, critical, none "
                + "[env: NUAGE_LOG_LEVEL]",
            DefaultValueFactory = _ => Env("NUAGE_LOG_LEVEL") ?? "information",
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "Log lines as readable text or one JSON object each [env: NUAGE_LOG_FORMAT]",
            DefaultValueFactory = _ => Env("NUAGE_LOG_FORMAT") ?? "text",
        };

        var command = new Command(
            "server",
            "Start a region: S3 API on --listen; admin API, /metrics, health and MQTT over WebSocket (/mqtt) on --console-listen; MQTT on --mqtt-listen; data in --data. Root credentials come from NUAGE_ROOT_ACCESS_KEY and "
            + "NUAGE_ROOT_SECRET_KEY, or are generated on first start, printed once and kept in DATA/root-credentials (mode 0600).")
        {
            data, metadata, listen, consoleListen, mqttListen, mqttTlsListen, mqttTlsCertificate, mqttTlsKey, mqttMaxPacketSize, mqttConnectRate, mqttMaxKeepAlive, mqttMaxInflight, region, federation, domain, minUploadRate, uploadGrace, legacyBucketDefaults, lifecycleDay, minPartSize, accessLogInterval, bucketNameSweep, logLevel, logFormat,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            NuageServerOptions options;
            try
            {
                options = new NuageServerOptions
                {
                    DataDirectory = Path.GetFullPath(result.GetValue(data)!),
                    Metadata = StoreSelection.CheckMetadataOption(result.GetValue(metadata)),
                    Listen = ListenAddress.Parse(result.GetValue(listen)!),
                    ConsoleListen = ListenAddress.Parse(result.GetValue(consoleListen)!),
                    MqttListen = ListenAddress.Parse(result.GetValue(mqttListen)!),
                    MqttLimits = new Mqtt.Limits.MqttLimits
                    {
                        MaxPacketSize = Math.Max(1024, WholeNumber(result.GetValue(mqttMaxPacketSize), "--mqtt-max-packet-size") ?? Mqtt.Limits.MqttLimits.DefaultMaxPacketSize),
                        ConnectsPerSecondPerAddress = Math.Max(1, WholeNumber(result.GetValue(mqttConnectRate), "--mqtt-connect-rate") ?? Mqtt.Limits.MqttLimits.DefaultConnectsPerSecondPerAddress),
                        MaxKeepAliveSeconds = Math.Clamp(
                            WholeNumber(result.GetValue(mqttMaxKeepAlive), "--mqtt-max-keep-alive") ?? Mqtt.Limits.MqttLimits.DefaultMaxKeepAliveSeconds, 1, ushort.MaxValue),
                        MaxInflightMessages = Math.Clamp(
                            WholeNumber(result.GetValue(mqttMaxInflight), "--mqtt-max-inflight") ?? Mqtt.Limits.MqttLimits.DefaultMaxInflightMessages, 1, ushort.MaxValue),
                    },
                    Region = result.GetValue(region)!,
                    Domain = result.GetValue(domain),
                    LegacyBucketDefaults = result.GetValue(legacyBucketDefaults),
                    LogLevel = ServerLogging.ParseLevel(result.GetValue(logLevel)!),
                    LogFormat = ServerLogging.ParseFormat(result.GetValue(logFormat)!),
                    MinUploadRate = WholeNumber(result.GetValue(minUploadRate), "--min-upload-rate") ?? NuageServerOptions.DefaultMinUploadRate,
                    UploadRateGrace = TimeSpan.FromSeconds(
                        WholeNumber(result.GetValue(uploadGrace), "--upload-grace") ?? NuageServerOptions.DefaultUploadGraceSeconds),
                    LifecycleDay = TimeSpan.FromSeconds(
                        Math.Max(1, WholeNumber(result.GetValue(lifecycleDay), "--lifecycle-day-seconds") ?? (int)TimeSpan.FromDays(1).TotalSeconds)),
                    MinPartSize = Math.Max(1, WholeNumber(result.GetValue(minPartSize), "--min-part-size") ?? NuageServerOptions.DefaultMinPartSize),
                    AccessLogInterval = TimeSpan.FromSeconds(Math.Max(1,
                        WholeNumber(result.GetValue(accessLogInterval), "--access-log-interval-seconds") ?? S3.S3FrontDoorOptions.DefaultAccessLogIntervalSeconds)),
                    BucketNameSweepInterval = TimeSpan.FromSeconds(Math.Max(1,
                        WholeNumber(result.GetValue(bucketNameSweep), "--bucket-name-sweep-seconds") ?? (int)Regions.Registry.BucketNameSweep.DefaultInterval.TotalSeconds)),
                };

                options = options with
                {
                    MqttTls = MqttTlsSettings.From(result.GetValue(mqttTlsListen), result.GetValue(mqttTlsCertificate), result.GetValue(mqttTlsKey)),
                };

                // The federation file is read and checked before anything listens: a region must not start on a file
                // it cannot work with (docs/regions.md).
                if (result.GetValue(federation) is { } federationPath)
                {
                    options = options with { Federation = Regions.Federation.FederationFile.Load(Path.GetFullPath(federationPath), options.Region) };
                }
            }
            catch (Exception e) when (e is FormatException or Regions.Federation.FederationFileException)
            {
                await Console.Error.WriteLineAsync("nuage server: " + e.Message);
                return 2;
            }

            return await NuageServer.RunAsync(options, cancellationToken);
        });
        return command;
    }

    /// <summary>A count of bytes or seconds given as a flag or variable: absent is null, anything but digits is refused.</summary>
    private static int? WholeNumber(string? text, string name) =>
        text is null ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : throw new FormatException($"{name} must be a whole number of 0 or more, not '{text}'.");

    private static string? Env(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
