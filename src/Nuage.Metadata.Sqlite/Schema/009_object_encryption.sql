-- Server-side encryption (SSE-S3, SSE-C): the object version's encryption envelope, opaque to the store: format
-- version, mode, the per-object nonce prefix and the object's data key wrapped by the master key or by a key
-- derived from the customer's key (Nuage.Storage EncryptionEnvelope, docs/encryption.md). NULL for an object
-- stored in the clear. It belongs to the version (it is useless without that version's blobs). The objects column
-- was created by schema 007, which rebuilt the table with it before inline_data (a column added here would follow
-- inline_data, and reading it would walk an inline body's overflow pages); every row older than this migration has
-- NULL there.

-- The envelope of a multipart upload's data key, made by CreateMultipartUpload; every part is encrypted under it
-- and completion gives it to the object. NULL for an upload stored in the clear.
ALTER TABLE uploads ADD COLUMN encryption BLOB;
