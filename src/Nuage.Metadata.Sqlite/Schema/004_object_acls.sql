-- Access control lists of objects (issue 13). Only an object given an ACL (x-amz-acl, x-amz-grant-*, PutObjectAcl)
-- has a row; every other object has the default: its owner has FULL_CONTROL. Kept out of the objects table so a
-- read of an object in a bucket with ACLs disabled (the default) never touches it. A row is replaced or removed in
-- the transaction that replaces or deletes its object.
CREATE TABLE object_acls (
    bucket  TEXT NOT NULL,
    key     TEXT NOT NULL,
    acl     TEXT NOT NULL,
    PRIMARY KEY (bucket, key)
) WITHOUT ROWID;

-- The ACL a multipart upload's object gets at completion, as given to CreateMultipartUpload; NULL for the default.
ALTER TABLE uploads ADD COLUMN acl TEXT;
