-- Server-side encryption (SSE-S3, SSE-C): the object version's encryption envelope, opaque to the store: format
-- version, mode, the per-object nonce prefix and the object's data key wrapped by the master key or by a key
-- derived from the customer's key (Nuage.Storage EncryptionEnvelope, docs/encryption.md). NULL for an object
-- stored in the clear, which is every row older than this migration. It belongs to the version (it is useless
-- without that version's blobs), so it is a column replaced by the same upsert, like tags (006).
ALTER TABLE objects ADD COLUMN encryption BLOB;

-- The envelope of a multipart upload's data key, made by CreateMultipartUpload; every part is encrypted under it
-- and completion gives it to the object. NULL for an upload stored in the clear.
ALTER TABLE uploads ADD COLUMN encryption BLOB;
