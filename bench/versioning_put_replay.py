# The metadata side of a 4 KiB PUT, replayed on SQLite alone (no server) to see why versioning costs PUT throughput
# (issue 15; docs/performance.md "Versioning cost"). Replays the statements of WriteTransaction.PutObject and
# SetObjectAcl(null) on the objects schema of migration 007, in transactions of 32 PUTs (one group commit), WAL mode,
# synchronous=FULL, over 1,000 keys: unversioned (in-place UPDATE of the null version) or versioned (DemoteLatest +
# INSERT of a new row, after HISTORY versions). Prints WAL frames (pages) written per PUT, counted with checkpoints
# off, then PUTs/s with the default autocheckpoint. Flags try schema changes:
#   no-versions-index  without objects_versions (bucket, key, seq DESC)
#   pointer            the latest version as a row of current_objects (bucket, key) -> seq instead of is_latest +
#                      objects_current: no demote of the previous row
#   big-wal            wal_autocheckpoint 10000 pages instead of 1000 for the timed part
#   no-ckpt            no checkpoint at all during the timed part (the bound of what checkpoints cost)
#   bg-ckpt            checkpoints from a second connection every 200 ms (PASSIVE), the writer's own at 10000 pages:
#                      as the server now does (WalCheckpointer: every 100 ms after commits, backstop 8,192 pages)
#   big-cache          a 64 MiB page cache for the writer instead of SQLite's 2 MiB
# Schema 011 made "pointer" (without "no-versions-index") the server's schema. Besides PUTs/s, the last figure is
# the process's CPU time per PUT (all threads), which other load on the machine does not move.
# usage: python3 bench/versioning_put_replay.py unversioned|versioned HISTORY COMMITS [flags...]
#   e.g. python3 bench/versioning_put_replay.py versioned 100000 400 pointer no-versions-index
import os, sqlite3, sys, tempfile, time, random, uuid
mode, versions_before, batches = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
flags = set(sys.argv[4:])
path = os.path.join(tempfile.gettempdir(), f"nuage-replay-{mode}.db")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix): os.remove(path + suffix)
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=FULL")
if "big-cache" in flags: db.execute("PRAGMA cache_size=-65536")
db.executescript("""
CREATE TABLE objects (seq INTEGER PRIMARY KEY, bucket TEXT NOT NULL, key TEXT NOT NULL, version_id TEXT NOT NULL,
 is_latest INTEGER NOT NULL DEFAULT 1, is_delete_marker INTEGER NOT NULL DEFAULT 0, size INTEGER NOT NULL, etag TEXT NOT NULL,
 last_modified INTEGER NOT NULL, origin_region TEXT NOT NULL, owner TEXT NOT NULL, checksum_algorithm TEXT, checksum_value TEXT,
 checksum_composite INTEGER NOT NULL DEFAULT 0, parts_count INTEGER, content_type TEXT, content_encoding TEXT, content_disposition TEXT,
 content_language TEXT, cache_control TEXT, expires TEXT, user_metadata TEXT, manifest BLOB, inline_checksum INTEGER, upload_id TEXT,
 tags TEXT, inline_data BLOB);
CREATE UNIQUE INDEX objects_by_version ON objects (bucket, key, version_id);
CREATE UNIQUE INDEX objects_current ON objects (bucket, key) WHERE is_latest = 1;
CREATE TABLE object_acls (bucket TEXT NOT NULL, key TEXT NOT NULL, version_id TEXT NOT NULL, acl TEXT NOT NULL, PRIMARY KEY (bucket, key, version_id)) WITHOUT ROWID;
CREATE TABLE bucket_usage (bucket TEXT PRIMARY KEY, objects INTEGER NOT NULL, bytes INTEGER NOT NULL);
INSERT INTO bucket_usage VALUES ('b', 0, 0);
CREATE TRIGGER u_ins AFTER INSERT ON objects BEGIN UPDATE bucket_usage SET objects = objects + (new.is_latest AND NOT new.is_delete_marker), bytes = bytes + (new.is_latest AND NOT new.is_delete_marker) * new.size WHERE bucket = new.bucket; END;
CREATE TRIGGER u_upd AFTER UPDATE OF size, is_latest, is_delete_marker ON objects BEGIN UPDATE bucket_usage SET objects = objects - (old.is_latest AND NOT old.is_delete_marker) + (new.is_latest AND NOT new.is_delete_marker), bytes = bytes - (old.is_latest AND NOT old.is_delete_marker) * old.size + (new.is_latest AND NOT new.is_delete_marker) * new.size WHERE bucket = new.bucket; END;
""")
if "pointer" in flags:
    db.execute("DROP INDEX objects_current")
    db.execute("CREATE TABLE current_objects (bucket TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (bucket, key)) WITHOUT ROWID")
if "no-versions-index" not in flags:
    db.execute("CREATE INDEX objects_versions ON objects (bucket, key, seq DESC)")
cols = "bucket,key,version_id,size,etag,last_modified,origin_region,owner,checksum_algorithm,checksum_value,content_type,inline_checksum,inline_data"
KEYS = 1000
def row(k, vid):
    return ("b", f"v/{k:08d}", vid, 4096, uuid.uuid4().hex, time.time_ns(), "local", "owner", "CRC32", "AAAAAA==",
            "application/octet-stream", random.getrandbits(62), os.urandom(4096))
def put(k, versioned):
    vid = uuid.uuid4().hex if versioned else "null"
    r = row(k, vid)
    cur = db.execute("SELECT is_latest, manifest FROM objects WHERE bucket=? AND key=? AND version_id=?", r[:3]).fetchone()
    if cur and cur[0]:
        db.execute("UPDATE objects SET size=?4, etag=?5, last_modified=?6, origin_region=?7, owner=?8, checksum_algorithm=?9, checksum_value=?10, content_type=?11, inline_checksum=?12, inline_data=?13 WHERE bucket=?1 AND key=?2 AND version_id=?3", r)
    elif "pointer" in flags:
        c = db.execute(f"INSERT INTO objects ({cols}, is_latest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1)", r)
        db.execute("INSERT INTO current_objects VALUES (?,?,?) ON CONFLICT (bucket, key) DO UPDATE SET seq = excluded.seq", (r[0], r[1], c.lastrowid))
    else:
        db.execute("UPDATE objects SET is_latest=0 WHERE bucket=? AND key=? AND is_latest=1", r[:2])
        db.execute(f"INSERT INTO objects ({cols}, is_latest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1)", r)
    db.execute("DELETE FROM object_acls WHERE bucket=? AND key=? AND version_id=?", r[:3])
versioned = mode == "versioned"
# history first: versions_before versions (versioned) or the 1000 keys once (unversioned), not timed
db.execute("PRAGMA synchronous=OFF"); db.execute("BEGIN")
for i in range(max(KEYS, versions_before if versioned else KEYS)):
    put(i % KEYS + 1, versioned)
db.execute("COMMIT"); db.execute("PRAGMA wal_checkpoint(TRUNCATE)"); db.execute("PRAGMA synchronous=FULL")
def wal_frames():
    s = os.path.getsize(path + "-wal") if os.path.exists(path + "-wal") else 0
    return max(0, (s - 32) // (4096 + 24))
# 1) frames per PUT without checkpoints
db.execute("PRAGMA wal_autocheckpoint=0")
f0 = wal_frames(); n = 0; k = 0
for b in range(50):
    db.execute("BEGIN IMMEDIATE")
    for _ in range(32):
        k = k % KEYS + 1; put(random.randint(1, KEYS), versioned); n += 1
    db.execute("COMMIT")
frames = wal_frames() - f0
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
# 2) timed commits with the default autocheckpoint (1000 pages), as the server runs
db.execute("PRAGMA wal_autocheckpoint=%d" % (0 if "no-ckpt" in flags else 10000 if "big-wal" in flags else 1000))
import threading
stop = False
def ck():
    c2=sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    while not stop:
        time.sleep(0.2); c2.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
if "bg-ckpt" in flags:
    db.execute("PRAGMA wal_autocheckpoint=10000"); th=threading.Thread(target=ck); th.start()
c0 = time.process_time()
t = time.perf_counter()
for b in range(batches):
    db.execute("BEGIN IMMEDIATE")
    for _ in range(32):
        put(random.randint(1, KEYS), versioned)
    db.execute("COMMIT")
el = time.perf_counter() - t
cpu_us = (time.process_time() - c0) / (batches*32) * 1e6
stop=True
if "bg-ckpt" in flags: th.join()
wal_size = os.path.getsize(path + "-wal")/2**20
print(f"{mode:12} {','.join(sorted(flags)) or '-':18} history {versions_before:7} rows  WAL frames/PUT {frames / n:5.2f}  {batches*32/el:7.0f} PUTs/s ({el/batches*1000:6.2f} ms per 32-PUT commit)  db {os.path.getsize(path)/2**20:6.1f} MiB wal {wal_size:6.1f} MiB cpu/PUT {cpu_us:5.1f} us")
db.close()
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix): os.remove(path + suffix)
