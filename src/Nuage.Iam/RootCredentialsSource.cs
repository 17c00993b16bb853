namespace Nuage.Iam;

/// <summary>Where the root access key came from, so the Host knows whether to print it.</summary>
public enum RootCredentialsSource
{
    /// <summary>NUAGE_ROOT_ACCESS_KEY and NUAGE_ROOT_SECRET_KEY.</summary>
    Environment,

    /// <summary>An existing <c>root-credentials</c> file in the data directory.</summary>
    File,

    /// <summary>Generated just now and written to the data directory; the Host prints it once.</summary>
    Generated,
}
