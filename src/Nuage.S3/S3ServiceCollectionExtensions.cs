using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nuage.S3.Telemetry;
using Nuage.Telemetry;
using Nuage.S3.AccessLogging;
using Nuage.S3.Auth;
using Nuage.S3.Authorization;
using Nuage.S3.Cors;
using Nuage.S3.Handlers;

namespace Nuage.S3;

/// <summary>Registers the S3 front door: the pipeline, its handlers and the request authenticator.</summary>
public static class S3ServiceCollectionExtensions
{
    public static IServiceCollection AddNuageS3(this IServiceCollection services, S3FrontDoorOptions options)
    {
        services.AddSingleton(options);
        services.AddSigV4Authentication();
        services.AddSingleton<BucketViews>();
        services.AddSingleton<AccountNames>();
        services.AddSingleton<WriteAccess>();
        services.AddSingleton<S3Authorizer>();
        services.AddSingleton<BucketHandler>();
        services.AddSingleton<Routing.RegionRedirects>();
        services.AddSingleton<ListObjectsHandler>();
        services.AddSingleton<PutObjectHandler>();
        services.AddSingleton<GetObjectHandler>();
        services.AddSingleton<ObjectAttributesHandler>();
        services.AddSingleton<DeleteObjectHandler>();
        services.AddSingleton<CopyObjectHandler>();
        services.AddSingleton<MultipartHandler>();
        services.AddSingleton<BucketPolicyHandler>();
        services.AddSingleton<AclHandler>();
        services.AddSingleton<BucketControlsHandler>();
        services.AddSingleton<PostObjectHandler>();
        services.AddSingleton<BucketSettingWriter>();
        services.AddSingleton<CorsHandler>();
        services.AddSingleton<BucketTaggingHandler>();
        services.AddSingleton<BucketEncryptionHandler>();
        services.AddSingleton<DefaultEncryption>();
        services.AddSingleton<KmsKeyAccess>();
        services.AddSingleton<ObjectTaggingHandler>();
        services.AddSingleton<VersioningHandler>();
        services.AddSingleton<ObjectLockHandler>();
        services.AddSingleton<LifecycleHandler>();
        services.AddSingleton<BucketLoggingHandler>();
        services.AddSingleton<BucketNotificationHandler>();
        services.AddSingleton<BucketReplicationHandler>();
        services.AddSingleton<AccessLogBuffer>();
        services.AddSingleton<AccessLogRecorder>();
        services.AddSingleton<AccessLogDelivery>();
        // Registered after the storage service's hosted service, so stopped before it: the last delivery still
        // writes through a running storage engine.
        services.AddHostedService(sp => sp.GetRequiredService<AccessLogDelivery>());
        services.AddSingleton<CorsActualRequest>();
        services.TryAddSingleton<NuageMetrics>();
        services.AddSingleton<S3Metrics>();
        services.TryAddSingleton<RequestLogWriter>();
        services.AddSingleton<S3RequestPipeline>();
        return services;
    }
}
