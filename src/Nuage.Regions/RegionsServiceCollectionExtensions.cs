namespace Nuage.Regions;

using Microsoft.Extensions.DependencyInjection;
using Nuage.Regions.Federation;
using Nuage.Regions.Reachability;
using Nuage.Regions.Registry;
using Nuage.Storage.Buckets.Directory;

public static class RegionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers this server's place in a federation (<paramref name="federation"/> null: a region on its own named
    /// <paramref name="localRegion"/>) and the probe that reports the other regions' reachability.
    /// </summary>
    public static IServiceCollection AddNuageRegions(this IServiceCollection services, FederationConfig? federation, string localRegion)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new FederationMembership(federation, localRegion));
        services.AddSingleton(sp => new RegionProbe(sp.GetRequiredService<FederationMembership>(), new HttpClient()));
        return services;
    }

    /// <summary>
    /// In a federation, the directory of global bucket names (docs/regions.md): the control region's own registry
    /// table, or, in a member region, the control region asked over its console port with the operator root key
    /// (<paramref name="operatorKey"/>), which all regions of a federation share; in both, the sweep that releases names
    /// this region holds without a bucket, every <paramref name="sweepInterval"/>. Nothing without a federation.
    /// </summary>
    public static IServiceCollection AddNuageBucketDirectory(
        this IServiceCollection services, FederationConfig? federation, Func<IServiceProvider, (string AccessKeyId, string SecretKey)> operatorKey,
        TimeSpan? sweepInterval = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(operatorKey);
        if (federation is null)
        {
            return services;
        }

        Func<string, Uri?> endpoints = region => federation.Find(region)?.S3Endpoint;
        if (federation.IsControl)
        {
            services.AddSingleton<IBucketDirectory>(sp => new RegistryBucketDirectory(sp.GetRequiredService<Nuage.Metadata.IMetadataStore>(), endpoints));
        }
        else
        {
            // A few seconds at most per call: a CreateBucket waiting on an unreachable control region answers 503
            // soon rather than hanging the client.
            services.AddSingleton<IBucketDirectory>(sp =>
            {
                var (accessKeyId, secretKey) = operatorKey(sp);
                return new ControlRegionBucketDirectory(federation, new HttpClient { Timeout = TimeSpan.FromSeconds(5) }, accessKeyId, secretKey);
            });
        }

        services.AddHostedService(sp => new BucketNameSweep(
            sp.GetRequiredService<IBucketDirectory>(), sp.GetRequiredService<Nuage.Metadata.IMetadataStore>(),
            sp.GetRequiredService<BucketNameLocks>(), federation.Local.Name, sweepInterval ?? BucketNameSweep.DefaultInterval,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<BucketNameSweep>>()));
        return services;
    }

    /// <summary>
    /// In a federation, accounts and identities owned by the control region (docs/regions.md, "Identities"): the key
    /// the identity feed seals secrets with, derived from the operator root secret (<paramref name="operatorKey"/>);
    /// in a member region also the follower that copies the control region's directory into this region's tables and
    /// the forwarder that sends identity changes there. Nothing without a federation.
    /// </summary>
    public static IServiceCollection AddNuageIdentityFederation(
        this IServiceCollection services, FederationConfig? federation, Func<IServiceProvider, (string AccessKeyId, string SecretKey)> operatorKey)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(operatorKey);
        if (federation is null)
        {
            return services;
        }

        services.AddSingleton(sp => Nuage.Iam.Federation.IdentityFeedSealer.FromRootSecret(operatorKey(sp).SecretKey));
        if (!federation.IsControl)
        {
            services.AddSingleton(sp =>
            {
                var (accessKeyId, secretKey) = operatorKey(sp);
                return new Identities.ControlRegionIdentityFollower(
                    federation, sp.GetRequiredService<Nuage.Iam.Identities.IdentityRegistry>(), sp.GetRequiredService<Nuage.Iam.Federation.IdentityFeedSealer>(),
                    accessKeyId, secretKey, sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Identities.ControlRegionIdentityFollower>>());
            });
            services.AddHostedService(sp => sp.GetRequiredService<Identities.ControlRegionIdentityFollower>());
            services.AddSingleton<Identities.IIdentityWriteForwarder>(sp =>
                new Identities.ControlRegionWriteForwarder(federation, sp.GetRequiredService<Identities.ControlRegionIdentityFollower>()));
        }

        return services;
    }

    /// <summary>
    /// Cross-region replication (docs/replication.md): the worker that pushes the replication outbox, as the federation's
    /// service principal (the operator root key), and its metrics. Without a federation it still serves replication
    /// between buckets of this region.
    /// </summary>
    public static IServiceCollection AddNuageReplication(
        this IServiceCollection services, Func<IServiceProvider, (string AccessKeyId, string SecretKey)> operatorKey)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(operatorKey);
        services.AddSingleton<Replication.ReplicationMetrics>();
        // Who may replicate into a bucket of another account: its bucket policy (ReplicaService asks on every push).
        services.AddSingleton<Nuage.Storage.Replication.IReplicationGrants, Replication.BucketPolicyReplicationGrants>();
        services.AddSingleton<Nuage.Telemetry.IMetricsSource>(sp => sp.GetRequiredService<Replication.ReplicationMetrics>());
        services.AddHostedService(sp => new Replication.ReplicationWorker(
            sp.GetRequiredService<Nuage.Metadata.IMetadataStore>(),
            sp.GetRequiredService<Nuage.Storage.Replication.BucketReplications>(),
            sp.GetRequiredService<Nuage.Storage.Replication.ReplicaService>(),
            sp.GetRequiredService<Nuage.Storage.Replication.ReplicationSignal>(),
            sp.GetRequiredService<Nuage.Storage.Replication.ReplicationProgress>(),
            sp.GetRequiredService<Replication.ReplicationMetrics>(),
            sp.GetRequiredService<FederationMembership>(),
            // A push streams a whole version, so no short overall limit; a region that does not answer is found by the
            // connect timeout, and a connection that stalls by the 30-minute limit.
            new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromMinutes(30) },
            operatorKey(sp),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Replication.ReplicationWorker>>(),
            sp.GetService<IBucketDirectory>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
