namespace Nuage.Regions.Federation;

/// <summary>One region of the federation: its name and the two endpoints other regions and clients reach it by.</summary>
/// <param name="Name">The region's name, as S3 clients give it (LocationConstraint, the SigV4 scope, x-amz-bucket-region).</param>
/// <param name="S3Endpoint">Its S3 port (AWS's APIs): redirects send clients there and replication pushes there.</param>
/// <param name="ConsoleEndpoint">Its console port: health, the admin API, reachability checks.</param>
public sealed record FederationRegion(string Name, Uri S3Endpoint, Uri ConsoleEndpoint);
