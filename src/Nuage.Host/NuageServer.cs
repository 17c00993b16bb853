using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nuage.Admin;
using Nuage.IamApi;
using Nuage.IotData;
using Nuage.Mqtt;
using Nuage.S3;
using Nuage.Signing;
using Nuage.Telemetry;

namespace Nuage.Host;

/// <summary>Builds and runs one region: Kestrel with the S3 pipeline over the storage, IAM and store layers.</summary>
public static class NuageServer
{
    public static async Task<int> RunAsync(NuageServerOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder();
        ServerLogging.Configure(builder.Logging, options);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? console = null;
        Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? mqtt = null;
        Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? mqttTls = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // S3 objects reach 5 GiB per PUT; the storage service enforces that limit while streaming.
            kestrel.Limits.MaxRequestBodySize = null;
            // A body slower than this, averaged after the grace period, is cut off (RequestTimeout): otherwise anyone
            // holding a presigned PUT URL could keep a connection open forever by trickling bytes. Kestrel counts
            // only time spent waiting for the client, not time the server spends writing what it received.
            kestrel.Limits.MinRequestBodyDataRate = options.MinUploadRate == 0
                ? null
                : new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(options.MinUploadRate, options.UploadRateGrace);
            // Clients such as botocore send non-ASCII metadata as Latin-1 bytes (Python's http.client) and sign the
            // same text; decoding header bytes as Latin-1 instead of refusing them keeps those requests working.
            // Values go back out RFC 2047-encoded, as S3 does.
            kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
            kestrel.Listen(options.Listen);
            console = ConsolePort.Listen(kestrel, options.ConsoleListen);
            // MQTT over TCP on its own listener: Kestrel accepts the connections (port 0 works as for the others) and
            // hands the bytes to MQTTnet, never to the HTTP pipeline.
            kestrel.Listen(options.MqttListen, listen => mqtt = listen.UseNuageMqtt());
            if (options.MqttTls is { } tls)
            {
                // MQTT over TLS on a third listener: Kestrel's TLS in front of the same MQTT connection handler.
                kestrel.Listen(tls.Listen, listen => mqttTls = listen.UseNuageMqttOverTls(tls.Certificate));
            }
        });
        if (options.MqttTls is not null)
        {
            // The slim builder leaves Kestrel's TLS support out until asked for (ASP.NET Core 8+, CreateSlimBuilder).
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        ServiceRegistration.AddNuage(builder.Services, options);
        var app = builder.Build();
        if (StoreSelection.OpenMetadata(app.Services, options) is { } refusal)
        {
            // One line and a non-zero exit: an operator's start script or service manager shows it as it is.
            await Console.Error.WriteLineAsync("nuage server: " + refusal.Line);
            await app.DisposeAsync();
            return refusal.ExitCode;
        }

        var pipeline = app.Services.GetRequiredService<S3RequestPipeline>();
        var admin = app.Services.GetRequiredService<AdminRequestPipeline>();
        var iamApi = app.Services.GetRequiredService<IamApiPipeline>();
        var iotData = app.Services.GetRequiredService<IotDataPipeline>();
        var mqttWebSocket = app.Services.GetRequiredService<MqttWebSocketEndpoint>();
        app.MapWhen(ConsolePort.Serves, branch =>
        {
            // MQTT over WebSocket lives beside the admin API on the console port (DESIGN.md "Services and front doors").
            branch.UseWebSockets();
            branch.Run(http => MqttWebSocketEndpoint.Serves(http) ? mqttWebSocket.HandleAsync(http) : admin.HandleAsync(http));
        });

        // The credential scope's service picks the door (DESIGN.md): iam and sts go to the query-API door, iotdata to
        // the Device Shadow REST API; S3 keeps everything else, unsigned and SigV2 requests included, so no bucket name
        // (things, api, ...) is ever taken.
        app.Run(http => AwsSignature.PeekService(http.Request) switch
        {
            "iam" or "sts" => iamApi.HandleAsync(http),
            "iotdata" => iotData.HandleAsync(http),
            _ => pipeline.HandleAsync(http),
        });

        try
        {
            ServiceRegistration.PrintRootCredentials(app.Services, Console.Out);
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync("nuage server: " + e.Message);
            return 2;
        }

        // The runtime's own figures (GC, thread pool, Kestrel's connections) join the registry before the first scrape.
        using var runtimeMetrics = RuntimeInstrumentation.Start(app.Services.GetRequiredService<NuageMetrics>());
        _ = app.Services.GetServices<IMetricsSource>().ToList();

        // The broker starts before Kestrel accepts its first MQTT connection and stops after Kestrel has stopped.
        var broker = app.Services.GetRequiredService<MqttBroker>();
        await broker.StartAsync();

        // MQTT connections last as long as their clients: Kestrel's graceful stop would wait the whole shutdown
        // timeout for them. Stopping the broker as shutdown begins closes them (MQTT 5 clients get DISCONNECT 0x8B,
        // Server shutting down), so in-flight HTTP requests alone decide how long the stop takes.
        Task brokerStopped = Task.CompletedTask;
        app.Lifetime.ApplicationStopping.Register(() => brokerStopped = broker.StopAsync());
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine($"Nuage region '{options.Region}' is running. Data: {options.DataDirectory}");
        var consoleAddress = "http://" + console!.IPEndPoint!;
        var mqttAddress = "http://" + mqtt!.IPEndPoint!;
        var mqttTlsAddress = mqttTls is null ? null : "https://" + mqttTls.IPEndPoint!;
        foreach (var address in addresses.Where(a => a != consoleAddress && a != mqttAddress && a != mqttTlsAddress))
        {
            // Tests and scripts read these lines to learn the ports when --listen or --console-listen asked for port 0.
            Console.WriteLine($"S3 API listening on {address}");
        }

        // Printed before the console line, which tests wait for last.
        Console.WriteLine($"MQTT listening on mqtt://{mqtt.IPEndPoint}");
        if (mqttTls is not null)
        {
            Console.WriteLine($"MQTT over TLS listening on mqtts://{mqttTls.IPEndPoint}");
        }

        Console.WriteLine($"Console listening on {consoleAddress}");

        Console.Out.Flush();
        await app.WaitForShutdownAsync(CancellationToken.None);
        await brokerStopped;
        await app.DisposeAsync();
        return 0;
    }
}
