namespace Nuage.Storage;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Buckets;
using Nuage.Storage.Health;
using Nuage.Storage.Maintenance;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;
using Nuage.Telemetry;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage services, the collector and a hosted service that runs the startup sweep and the
    /// collector. Needs an <see cref="IMetadataStore"/> and an <see cref="IBlobStore"/> registered too: the
    /// composition root picks both (Nuage.Host StoreSelection). Register this before the web server so the sweep
    /// finishes first.
    /// </summary>
    public static IServiceCollection AddNuageStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton<NuageMetrics>();
        // Loaded (or created, 0600) before anything is served, and shared by both writers of encrypted objects.
        services.AddSingleton(sp => new Nuage.Storage.Encryption.Kms.KmsKeyRing(
            sp.GetRequiredService<IMetadataStore>(), options.DataDirectory, options.Region, sp.GetService<TimeProvider>()));
        services.AddSingleton(sp => new Nuage.Storage.Encryption.EncryptionKeys(
            options.DataDirectory, sp.GetRequiredService<Nuage.Storage.Encryption.Kms.KmsKeyRing>()));
        services.AddSingleton<Buckets.Directory.BucketNameLocks>();
        services.AddSingleton<IBucketService>(sp => new BucketService(
            sp.GetRequiredService<IMetadataStore>(), options, sp.GetRequiredService<Notifications.BucketNotifications>(), sp.GetService<Buckets.Directory.IBucketDirectory>(),
            sp.GetRequiredService<Buckets.Directory.BucketNameLocks>()));
        // Quotas are enforced when the host registers an IStorageQuotas (the accounts' settings); without one, none.
        services.AddSingleton<IObjectService>(sp => new ObjectService(sp.GetRequiredService<IMetadataStore>(), sp.GetRequiredService<IBlobStore>(), options, sp.GetRequiredService<NuageMetrics>(), sp.GetRequiredService<Nuage.Storage.Encryption.EncryptionKeys>(), sp.GetService<Quotas.IStorageQuotas>(), sp.GetRequiredService<Notifications.NotificationRecorder>(), sp.GetRequiredService<Replication.ReplicationRecorder>(), sp.GetRequiredService<IBucketService>()));
        services.AddSingleton<IMultipartService>(sp => new MultipartService(sp.GetRequiredService<IMetadataStore>(), sp.GetRequiredService<IBlobStore>(), options, sp.GetRequiredService<NuageMetrics>(), sp.GetRequiredService<Nuage.Storage.Encryption.EncryptionKeys>(), sp.GetService<Quotas.IStorageQuotas>(), sp.GetRequiredService<Notifications.NotificationRecorder>(), sp.GetRequiredService<Replication.ReplicationRecorder>()));
        services.AddSingleton(sp => new GarbageCollector(sp.GetRequiredService<IMetadataStore>(), sp.GetRequiredService<IBlobStore>(), options));
        services.AddSingleton(sp => new Lifecycle.LifecycleWorker(
            sp.GetRequiredService<IMetadataStore>(), sp.GetRequiredService<IObjectService>(), options,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Lifecycle.LifecycleWorker>>(),
            sp.GetRequiredService<Notifications.NotificationRecorder>()));
        // Event notifications (docs/notifications.md): configurations in memory, the outbox written by the commit
        // path, delivered by the dispatcher; the MQTT door adds an IEventPublisher when the hub runs.
        services.AddSingleton<Notifications.BucketNotifications>();
        services.AddSingleton<Notifications.EventDispatcherSignal>();
        services.AddSingleton<Notifications.NotificationRecorder>();
        services.AddSingleton<Notifications.EventOutboxMetrics>();
        services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<Notifications.EventOutboxMetrics>());
        services.AddHttpClient(Notifications.EventDispatcher.WebhookClient, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<Notifications.EventDispatcher>();
        // Cross-region replication (docs/replication.md): configurations in memory, the outbox written by the commit
        // path; the regions layer pushes it (Nuage.Regions.Replication).
        services.AddSingleton<Replication.BucketReplications>();
        services.AddSingleton<Replication.ReplicationSignal>();
        // The region's name stamps the metadata changes that replicate (last-writer-wins, schema 027).
        services.AddSingleton(sp => new Replication.ReplicationRecorder(
            sp.GetRequiredService<Replication.BucketReplications>(), sp.GetRequiredService<Replication.ReplicationSignal>(), options.Region));
        services.AddSingleton(sp => new Replication.ReplicationProgress(sp.GetRequiredService<IMetadataStore>(), sp.GetRequiredService<Replication.BucketReplications>(), sp.GetService<TimeProvider>()));
        services.AddSingleton(sp => new Replication.ReplicaService(
            sp.GetRequiredService<IMetadataStore>(), sp.GetRequiredService<IBlobStore>(), options, sp.GetRequiredService<IObjectService>(),
            sp.GetRequiredService<Replication.BucketReplications>(), sp.GetRequiredService<Nuage.Storage.Encryption.EncryptionKeys>(),
            sp.GetRequiredService<Nuage.Storage.Encryption.Kms.KmsKeyRing>(), sp.GetService<Replication.IReplicationGrants>()));
        services.AddSingleton(sp => new StartupSweep(sp.GetRequiredService<IMetadataStore>(), sp.GetRequiredService<IBlobStore>()));
        services.AddSingleton<IMetricsSource>(sp => new UsageMetrics(sp.GetRequiredService<IMetadataStore>(), sp.GetRequiredService<NuageMetrics>()));
        services.AddSingleton<IHostedService, StorageHostedService>();
        // The health check service logs; AddLogging only adds what the host has not registered already.
        services.AddLogging();
        services.AddHealthChecks()
            .AddCheck<MetadataHealthCheck>(ReadinessChecks.Metadata, tags: [ReadinessChecks.Tag], timeout: ReadinessChecks.Timeout)
            .AddCheck<BlobStoreHealthCheck>(ReadinessChecks.Blobs, tags: [ReadinessChecks.Tag], timeout: ReadinessChecks.Timeout);
        return services;
    }
}
