using Nuage.Storage.Replication;

namespace Nuage.Storage.Commits;

/// <summary>
/// What <see cref="ObjectCommitPath"/> needs to record a new version for replication in the commit's own transaction:
/// the recorder and the bucket's owner (whose configuration it is).
/// </summary>
internal readonly record struct ObjectReplication(ReplicationRecorder Recorder, string BucketOwner);
