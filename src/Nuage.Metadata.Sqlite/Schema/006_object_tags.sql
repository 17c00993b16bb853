-- Object tags (PutObjectTagging, x-amz-tagging): the tag set of the object row, in the x-amz-tagging query-string
-- form the S3 door renders (opaque here); NULL for an object without tags, which is every row older than this
-- migration. A column rather than a table: tags belong to the object version (docs/design/versioning.md) and are
-- replaced with it by the same upsert, and GET/HEAD answer x-amz-tagging-count from the row they read anyway.
-- ADD COLUMN appends it after inline_data, so reading it on an inline row walks that body's pages; inline bodies are
-- small (StorageOptions.InlineThreshold), which keeps that cost below a second lookup in another table.
ALTER TABLE objects ADD COLUMN tags TEXT;

-- The tag set a multipart upload's object gets at completion, as given to CreateMultipartUpload; NULL for none.
ALTER TABLE uploads ADD COLUMN tags TEXT;
