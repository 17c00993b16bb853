using Microsoft.Extensions.DependencyInjection;
using Nuage.Admin;
using Nuage.Iam;
using Nuage.IamApi;
using Nuage.Iot;
using Nuage.IotData;
using Nuage.Mqtt;
using Nuage.S3;
using Nuage.Storage;
using Nuage.Telemetry;

namespace Nuage.Host;

/// <summary>
/// The composition root (STYLE.md §6): the only code that sees every layer. Stores (<see cref="StoreSelection"/>),
/// then services, then the front door; each layer registers itself through its own extension.
/// </summary>
public static class ServiceRegistration
{
    public static void AddNuage(IServiceCollection services, NuageServerOptions options)
    {
        // One registry for every layer's figures, served at the console port's /metrics.
        services.AddSingleton(new NuageMetrics());
        StoreSelection.AddStores(services, options);
        services.AddNuageStorage(new StorageOptions { DataDirectory = options.DataDirectory, Region = options.Region, LifecycleDay = options.LifecycleDay, MinPartSize = options.MinPartSize });
        if (options.Federation is not null)
        {
            // STS session tokens sealed under a key every region derives alike from the shared operator root secret, so
            // a token issued by one region opens in all of them (docs/regions.md, "Identities"). Registered before
            // AddNuageIam, whose own (from this region's identity.key) is then not added.
            services.AddSingleton(sp => new Nuage.Iam.Sessions.SessionTokenCodec(Nuage.Iam.Secrets.SecretSealer.FromSharedSecret(
                sp.GetRequiredService<RootCredentials>().SecretAccessKey, "nuage federation session tokens")));
        }

        services.AddNuageIam(options.DataDirectory);
        services.AddSingleton<Nuage.Storage.Quotas.IStorageQuotas, AccountStorageQuotas>();
        services.AddNuageS3(new S3FrontDoorOptions
        {
            Domain = options.Domain, LegacyBucketDefaults = options.LegacyBucketDefaults, AccessLogInterval = options.AccessLogInterval,
        });
        Regions.RegionsServiceCollectionExtensions.AddNuageRegions(services, options.Federation, options.Region);
        Regions.RegionsServiceCollectionExtensions.AddNuageBucketDirectory(
            services, options.Federation,
            sp =>
            {
                var root = sp.GetRequiredService<RootCredentials>();
                return (root.AccessKeyId, root.SecretAccessKey);
            },
            options.BucketNameSweepInterval);
        Regions.RegionsServiceCollectionExtensions.AddNuageIdentityFederation(services, options.Federation, sp =>
        {
            var root = sp.GetRequiredService<RootCredentials>();
            return (root.AccessKeyId, root.SecretAccessKey);
        });
        Regions.RegionsServiceCollectionExtensions.AddNuageReplication(services, sp =>
        {
            var root = sp.GetRequiredService<RootCredentials>();
            return (root.AccessKeyId, root.SecretAccessKey);
        });
        services.AddNuageAdmin();
        services.AddNuageIamApi();
        services.AddNuageIot(new IotOptions { Region = options.Region });
        services.AddNuageMqtt(options.MqttLimits);
        services.AddNuageIotData();
    }

    /// <summary>
    /// Resolves what must fail before the server listens (a half-set or unreadable credential configuration) and
    /// prints generated root credentials, once: they are shown on the start that creates them and never again.
    /// </summary>
    public static void PrintRootCredentials(IServiceProvider services, TextWriter output)
    {
        var root = services.GetRequiredService<RootCredentials>();
        if (root.WasCreated)
        {
            output.WriteLine($"Root credentials (generated now and shown once; kept in {root.FilePath}, mode 0600):");
            output.WriteLine($"  Access key: {root.AccessKeyId}");
            output.WriteLine($"  Secret key: {root.SecretAccessKey}");
        }
        else
        {
            var where = root.Source == RootCredentialsSource.Environment ? "the environment" : root.FilePath;
            output.WriteLine($"Root access key {root.AccessKeyId} (from {where}).");
        }
    }
}
