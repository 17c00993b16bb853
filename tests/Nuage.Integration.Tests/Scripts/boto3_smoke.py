#!/usr/bin/python3
"""boto3 against a Nuage endpoint: put, get, ranges, listing, multipart (explicit and managed), abort, errors,
delete. Every check prints one line; the first failed check prints why and exits 1.

Environment: NUAGE_ENDPOINT, NUAGE_BUCKET (a bucket name nobody uses yet), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
"""
import hashlib
import io
import os

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from nuage_checks import check, error_of, run_checks

MiB = 1024 * 1024


def md5(data):
    return hashlib.md5(data).hexdigest()


def multipart_etag(parts):
    return '"%s-%d"' % (hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest(), len(parts))


def main():
    endpoint = os.environ["NUAGE_ENDPOINT"]
    bucket = os.environ["NUAGE_BUCKET"]
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )

    s3.create_bucket(Bucket=bucket)
    check(any(b["Name"] == bucket for b in s3.list_buckets()["Buckets"]), "create_bucket, then list_buckets shows it")

    # Small (inline) object with attributes and user metadata.
    small = os.urandom(1000)
    put = s3.put_object(Bucket=bucket, Key="small/one.bin", Body=small, ContentType="application/x-nuage-test",
                        Metadata={"purpose": "smoke"})
    check(put["ETag"] == '"%s"' % md5(small), "put_object ETag is the MD5 of the body")
    got = s3.get_object(Bucket=bucket, Key="small/one.bin")
    check(got["Body"].read() == small, "get_object returns the bytes put")
    check(got["ContentType"] == "application/x-nuage-test", "Content-Type is kept")
    check(got["Metadata"] == {"purpose": "smoke"}, "x-amz-meta-* is kept")
    check(got["ContentLength"] == len(small), "Content-Length of get_object")

    # Larger (blob-backed) object, whole and by range.
    large = os.urandom(600 * 1024 + 5)
    s3.put_object(Bucket=bucket, Key="large/blob.bin", Body=large)
    check(s3.get_object(Bucket=bucket, Key="large/blob.bin")["Body"].read() == large, "600 KiB object comes back whole")
    ranged = s3.get_object(Bucket=bucket, Key="large/blob.bin", Range="bytes=1000-1999")
    check(ranged["ResponseMetadata"]["HTTPStatusCode"] == 206, "range GET answers 206")
    check(ranged["ContentRange"] == "bytes 1000-1999/%d" % len(large), "Content-Range of a range GET")
    check(ranged["Body"].read() == large[1000:2000], "range GET returns exactly the range")
    suffix = s3.get_object(Bucket=bucket, Key="large/blob.bin", Range="bytes=-10")
    check(suffix["Body"].read() == large[-10:], "suffix range returns the last bytes")
    head = s3.head_object(Bucket=bucket, Key="large/blob.bin")
    check(head["ContentLength"] == len(large) and head["ETag"] == '"%s"' % md5(large), "head_object size and ETag")

    # Listing: prefix, delimiter, pagination.
    for key in ["dir/a", "dir/b", "dir/sub/c", "dir/sub/d", "dir2/e"]:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    listing = s3.list_objects_v2(Bucket=bucket, Prefix="dir/", Delimiter="/")
    check([o["Key"] for o in listing.get("Contents", [])] == ["dir/a", "dir/b"], "list_objects_v2 with delimiter: keys")
    check([p["Prefix"] for p in listing.get("CommonPrefixes", [])] == ["dir/sub/"], "list_objects_v2 with delimiter: common prefixes")
    paged = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="dir", PaginationConfig={"PageSize": 2}):
        check(page["KeyCount"] <= 2, "a page holds at most max-keys keys")
        paged.extend(o["Key"] for o in page.get("Contents", []))
    check(paged == ["dir/a", "dir/b", "dir/sub/c", "dir/sub/d", "dir2/e"], "pagination returns every key once, in order")

    # Explicit multipart upload.
    parts = [os.urandom(5 * MiB), os.urandom(MiB + 3)]
    upload = s3.create_multipart_upload(Bucket=bucket, Key="mp/explicit.bin", ContentType="application/x-mp")
    uploaded = []
    for number, data in enumerate(parts, start=1):
        part = s3.upload_part(Bucket=bucket, Key="mp/explicit.bin", UploadId=upload["UploadId"], PartNumber=number, Body=data)
        check(part["ETag"] == '"%s"' % md5(data), "upload_part %d ETag" % number)
        uploaded.append({"PartNumber": number, "ETag": part["ETag"]})
    listed = s3.list_parts(Bucket=bucket, Key="mp/explicit.bin", UploadId=upload["UploadId"])
    check([p["PartNumber"] for p in listed["Parts"]] == [1, 2], "list_parts shows both parts")
    check(any(u["UploadId"] == upload["UploadId"] for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])),
          "list_multipart_uploads shows the upload in progress")
    done = s3.complete_multipart_upload(Bucket=bucket, Key="mp/explicit.bin", UploadId=upload["UploadId"],
                                        MultipartUpload={"Parts": uploaded})
    check(done["ETag"] == multipart_etag(parts), "complete_multipart_upload ETag is md5-of-md5s-2")
    whole = s3.get_object(Bucket=bucket, Key="mp/explicit.bin")
    check(whole["Body"].read() == b"".join(parts), "the completed object is the parts in order")
    check(whole["ContentType"] == "application/x-mp", "Content-Type given at create_multipart_upload is kept")
    check(not any(u["UploadId"] == upload["UploadId"] for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])),
          "a completed upload is no longer listed")

    # Aborted upload.
    aborted = s3.create_multipart_upload(Bucket=bucket, Key="mp/aborted.bin")
    s3.upload_part(Bucket=bucket, Key="mp/aborted.bin", UploadId=aborted["UploadId"], PartNumber=1, Body=os.urandom(1024))
    s3.abort_multipart_upload(Bucket=bucket, Key="mp/aborted.bin", UploadId=aborted["UploadId"])
    code, status = error_of(lambda: s3.list_parts(Bucket=bucket, Key="mp/aborted.bin", UploadId=aborted["UploadId"]))
    check((code, status) == ("NoSuchUpload", 404), "list_parts of an aborted upload is NoSuchUpload (got %s %s)" % (code, status))
    code, status = error_of(lambda: s3.head_object(Bucket=bucket, Key="mp/aborted.bin"))
    check(status == 404, "an aborted upload leaves no object")

    # Managed transfers: boto3 splits 12 MiB into 5 MiB parts and downloads with ranged GETs.
    managed = os.urandom(12 * MiB + 11)
    transfer = TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB, max_concurrency=4)
    s3.upload_fileobj(io.BytesIO(managed), bucket, "mp/managed.bin", Config=transfer)
    check(s3.head_object(Bucket=bucket, Key="mp/managed.bin")["ETag"].endswith('-3"'), "upload_fileobj used 3 parts")
    out = io.BytesIO()
    s3.download_fileobj(bucket, "mp/managed.bin", out, Config=transfer)
    check(out.getvalue() == managed, "download_fileobj returns the exact bytes")

    # Errors.
    code, status = error_of(lambda: s3.get_object(Bucket=bucket, Key="no/such/key"))
    check((code, status) == ("NoSuchKey", 404), "get_object of a missing key is NoSuchKey 404 (got %s %s)" % (code, status))
    code, status = error_of(lambda: s3.get_object(Bucket=bucket + "-missing", Key="k"))
    check((code, status) == ("NoSuchBucket", 404), "get_object in a missing bucket is NoSuchBucket 404 (got %s %s)" % (code, status))
    code, status = error_of(lambda: s3.delete_bucket(Bucket=bucket))
    check((code, status) == ("BucketNotEmpty", 409), "delete_bucket of a non-empty bucket is BucketNotEmpty 409 (got %s %s)" % (code, status))

    # Deletes.
    s3.delete_object(Bucket=bucket, Key="small/one.bin")
    code, status = error_of(lambda: s3.head_object(Bucket=bucket, Key="small/one.bin"))
    check(status == 404, "a deleted object is gone")
    remaining = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    result = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in remaining] + [{"Key": "never/existed"}]})
    check(sorted(d["Key"] for d in result.get("Deleted", [])) == sorted(remaining + ["never/existed"]),
          "delete_objects reports every key deleted (a missing key too)")
    check(not result.get("Errors"), "delete_objects reports no errors")
    check(s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0, "the bucket is empty afterwards")
    s3.delete_bucket(Bucket=bucket)
    check(not any(b["Name"] == bucket for b in s3.list_buckets()["Buckets"]), "delete_bucket removes it")


if __name__ == "__main__":
    run_checks(main)
