-- Manifests may now be of version 3 (ManifestCodec): the blobs of an SSE-C replica get ids of their own and record
-- beside each the id its key derives from, the source's (docs/encryption.md, docs/replication.md "Encrypted
-- versions"). No row changes: every manifest written before keeps its version 1 or 2 and reads as it did. The
-- number is what matters: a program older than this one cannot read a version 3 manifest, and refuses to open a
-- database whose schema is newer than it knows instead of answering such objects as corrupted.
SELECT 1;
