-- CompleteMultipartUpload records its upload id on the object row it writes, so that a retried completion (the
-- first answer lost to a timeout) recognises its own result and answers it again, as AWS does. Nullable: rows
-- written by PUT or copy, and every row older than this migration, carry none.
-- ADD COLUMN changes no stored row and appends the column after inline_data. Head reads and listings therefore
-- never select it (reading it on an inline row would walk that body's overflow pages); only the lookup of a
-- retried completion does, and that one concerns multipart objects, which have no inline data.
ALTER TABLE objects ADD COLUMN upload_id TEXT;
