#!/usr/bin/python3
"""boto3 against a Nuage endpoint: bucket versioning as a backup tool uses it. Enable, overwrite, delete (delete
markers), read old versions, list versions with a paginator, restore by removing a marker, delete versions for
good, suspend, empty the bucket version by version and delete it. Every check prints one line; the first failed
check prints why and exits 1.

Environment: NUAGE_ENDPOINT, NUAGE_BUCKET (a bucket name nobody uses yet), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
"""
import os

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from nuage_checks import check, error_of, run_checks


def all_versions(s3, bucket, page_size):
    """Every version and delete marker through boto3's paginator, page by page, and the number of pages. boto3 splits
    each page into Versions and DeleteMarkers; within each list the server's order (keys ascending, newest first)
    is kept."""
    entries = []
    pages = 0
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, PaginationConfig={"PageSize": page_size}):
        pages += 1
        merged = [(v["Key"], v["VersionId"], False, v["IsLatest"]) for v in page.get("Versions", [])]
        merged += [(m["Key"], m["VersionId"], True, m["IsLatest"]) for m in page.get("DeleteMarkers", [])]
        entries.append(merged)
    return entries, pages


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
    check("Status" not in s3.get_bucket_versioning(Bucket=bucket), "a new bucket has no versioning status")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    check(s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled", "put_bucket_versioning Enabled")

    ids = []
    for i in range(5):
        put = s3.put_object(Bucket=bucket, Key="doc.txt", Body=b"revision %d" % i)
        ids.append(put["VersionId"])
    check(len(set(ids)) == 5 and "null" not in ids, "five overwrites get five distinct version ids")
    check(s3.get_object(Bucket=bucket, Key="doc.txt")["Body"].read() == b"revision 4", "the latest revision is current")
    check(s3.get_object(Bucket=bucket, Key="doc.txt", VersionId=ids[1])["Body"].read() == b"revision 1",
          "an old revision reads by its version id")

    deleted = s3.delete_object(Bucket=bucket, Key="doc.txt")
    check(deleted.get("DeleteMarker") is True and deleted.get("VersionId"), "delete_object adds a delete marker")
    code, status = error_of(lambda: s3.get_object(Bucket=bucket, Key="doc.txt"))
    check((code, status) == ("NoSuchKey", 404), "a key under a delete marker is NoSuchKey (got %s %s)" % (code, status))
    try:
        s3.head_object(Bucket=bucket, Key="doc.txt")
        check(False, "head_object of a deleted key fails")
    except ClientError as e:
        headers = e.response["ResponseMetadata"]["HTTPHeaders"]
        check(headers.get("x-amz-delete-marker") == "true", "head_object answers x-amz-delete-marker: true")

    for i in range(3):
        s3.put_object(Bucket=bucket, Key="other/%d" % i, Body=b"x")

    pages, count = all_versions(s3, bucket, 2)
    flat = [e for page in pages for e in page]
    check(count == 5, "9 entries list in 5 pages of 2 (got %d)" % count)
    doc = [e for e in flat if e[0] == "doc.txt"]
    check([e[1] for e in doc if not e[2]] == list(reversed(ids)), "doc.txt's versions list newest first")
    check([e[3] for e in doc if e[2]] == [True], "the delete marker is the latest entry of doc.txt")
    check(sum(1 for e in flat if e[0].startswith("other/")) == 3, "the other keys list once each")

    # Restore: removing the marker makes the last revision current again.
    removed = s3.delete_object(Bucket=bucket, Key="doc.txt", VersionId=deleted["VersionId"])
    check(removed.get("DeleteMarker") is True, "removing a marker by id answers DeleteMarker")
    check(s3.get_object(Bucket=bucket, Key="doc.txt")["Body"].read() == b"revision 4", "the object is restored")

    # Permanent deletion of one version.
    s3.delete_object(Bucket=bucket, Key="doc.txt", VersionId=ids[0])
    code, status = error_of(lambda: s3.get_object(Bucket=bucket, Key="doc.txt", VersionId=ids[0]))
    check((code, status) == ("NoSuchVersion", 404), "a removed version is NoSuchVersion (got %s %s)" % (code, status))

    # Suspended: writes replace the null version.
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    check(s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Suspended", "put_bucket_versioning Suspended")
    s3.put_object(Bucket=bucket, Key="doc.txt", Body=b"null one")
    s3.put_object(Bucket=bucket, Key="doc.txt", Body=b"null two")
    versions = s3.list_object_versions(Bucket=bucket, Prefix="doc.txt")["Versions"]
    check([v["VersionId"] for v in versions][0] == "null" and sum(1 for v in versions if v["VersionId"] == "null") == 1,
          "a suspended bucket keeps one null version, latest")
    check(s3.get_object(Bucket=bucket, Key="doc.txt", VersionId="null")["Body"].read() == b"null two",
          "the null version holds the last write")

    # Empty the bucket version by version, as backup tools do, then delete it.
    listing = s3.list_object_versions(Bucket=bucket)
    targets = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in listing.get("Versions", []) + listing.get("DeleteMarkers", [])]
    code, status = error_of(lambda: s3.delete_bucket(Bucket=bucket))
    check((code, status) == ("BucketNotEmpty", 409), "a bucket with versions is not empty")
    result = s3.delete_objects(Bucket=bucket, Delete={"Objects": targets})
    check(len(result.get("Deleted", [])) == len(targets) and not result.get("Errors"), "delete_objects removes every version")
    check(not s3.list_object_versions(Bucket=bucket).get("Versions"), "no version is left")
    s3.delete_bucket(Bucket=bucket)
    check(not any(b["Name"] == bucket for b in s3.list_buckets()["Buckets"]), "the emptied bucket deletes")


if __name__ == "__main__":
    run_checks(main)
