-- Small object bodies stay in the objects row itself (issue 18, PUT throughput; docs/metadata-engines.md "Writes").
-- A body up to the inline threshold is stored in objects.inline_data. PostgreSQL moves a row's wide values out of
-- line once the row passes toast_tuple_target (2 KiB by default): a 4 KiB PUT then tried to compress its body (pglz),
-- wrote it as chunks into the TOAST table and its index, and extended that table page by page, about a fifth of the
-- writer backend's time. With the target at its maximum (8160 bytes on 8 KiB pages, a row alone on a page) a row that
-- fits a page is written whole into the heap; larger bodies are compressed and moved out of line as before. Only
-- rows written from now on change; a reloption, so no table rewrite and only a brief lock.
ALTER TABLE objects SET (toast_tuple_target = 8160);
