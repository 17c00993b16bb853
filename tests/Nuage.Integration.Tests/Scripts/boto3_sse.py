#!/usr/bin/python3
"""boto3 against a Nuage endpoint: server-side encryption. SSE-S3 put/get/head/range and managed multipart upload,
bucket default encryption, SSE-KMS under the account's aws/s3 key (context, managed multipart, bucket default with a
Bucket Key, an unknown key), SSE-C unreadable without its key, refused with another, readable with it (ranges too),
copy between customer keys. Every check prints one line; the first failed check prints why and exits 1.

Environment: NUAGE_ENDPOINT, NUAGE_BUCKET (a bucket name nobody uses yet), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
"""
import base64
import hashlib
import io
import json
import os

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from nuage_checks import check, error_of, run_checks

MiB = 1024 * 1024


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

    # SSE-S3.
    body = os.urandom(300000)
    put = s3.put_object(Bucket=bucket, Key="s3.bin", Body=body, ServerSideEncryption="AES256")
    check(put["ServerSideEncryption"] == "AES256", "put_object with AES256 answers AES256")
    check(put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest(), "the SSE-S3 ETag is the MD5 of the plaintext")
    head = s3.head_object(Bucket=bucket, Key="s3.bin")
    check(head["ServerSideEncryption"] == "AES256" and head["ContentLength"] == len(body), "head_object: AES256, plaintext size")
    check(s3.get_object(Bucket=bucket, Key="s3.bin")["Body"].read() == body, "get_object decrypts")
    ranged = s3.get_object(Bucket=bucket, Key="s3.bin", Range="bytes=65530-131100")["Body"].read()
    check(ranged == body[65530:131101], "a range across block boundaries decrypts")

    big = os.urandom(12 * MiB)
    s3.upload_fileobj(io.BytesIO(big), bucket, "managed.bin", ExtraArgs={"ServerSideEncryption": "AES256"},
                      Config=TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB, max_concurrency=2))
    check(s3.head_object(Bucket=bucket, Key="managed.bin")["ServerSideEncryption"] == "AES256", "managed multipart upload is AES256")
    check(s3.get_object(Bucket=bucket, Key="managed.bin")["Body"].read() == big, "managed multipart upload reads back")

    # Bucket default encryption.
    check(error_of(lambda: s3.get_bucket_encryption(Bucket=bucket)) == ("ServerSideEncryptionConfigurationNotFoundError", 404),
          "get_bucket_encryption without a configuration")
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    check(rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256", "get_bucket_encryption answers AES256")
    check(s3.put_object(Bucket=bucket, Key="default.bin", Body=b"x")["ServerSideEncryption"] == "AES256",
          "a put without a header gets the bucket default")
    s3.delete_bucket_encryption(Bucket=bucket)
    check(s3.put_object(Bucket=bucket, Key="plain.bin", Body=b"x").get("ServerSideEncryption") is None,
          "after delete_bucket_encryption a put is stored as sent")

    # SSE-KMS under the account's default key (alias/aws/s3), which S3 creates at its first use.
    context = base64.b64encode(json.dumps({"app": "boto3"}).encode()).decode()
    put = s3.put_object(Bucket=bucket, Key="kms.bin", Body=body, ServerSideEncryption="aws:kms", SSEKMSEncryptionContext=context)
    check(put["ServerSideEncryption"] == "aws:kms" and put["SSEKMSKeyId"].startswith("arn:aws:kms:"), "put_object with aws:kms answers the key's ARN")
    answered = json.loads(base64.b64decode(put["SSEKMSEncryptionContext"]))
    check(answered == {"app": "boto3", "aws:s3:arn": "arn:aws:s3:::%s/kms.bin" % bucket}, "the context answered adds aws:s3:arn")
    head = s3.head_object(Bucket=bucket, Key="kms.bin")
    check(head["ServerSideEncryption"] == "aws:kms" and head["SSEKMSKeyId"] == put["SSEKMSKeyId"], "head_object names the same key")
    check(s3.get_object(Bucket=bucket, Key="kms.bin", Range="bytes=65530-131100")["Body"].read() == body[65530:131101],
          "a ranged get of an SSE-KMS object decrypts")
    s3.upload_fileobj(io.BytesIO(big), bucket, "kms-managed.bin", ExtraArgs={"ServerSideEncryption": "aws:kms"},
                      Config=TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB, max_concurrency=2))
    check(s3.get_object(Bucket=bucket, Key="kms-managed.bin")["Body"].read() == big, "an SSE-KMS managed multipart upload reads back")
    check(error_of(lambda: s3.put_object(Bucket=bucket, Key="x", Body=b"x", ServerSideEncryption="aws:kms", SSEKMSKeyId="alias/none"))
          == ("KMS.NotFoundException", 400), "an unknown key: 400 KMS.NotFoundException")
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": True}]})
    put = s3.put_object(Bucket=bucket, Key="kms-default.bin", Body=b"y")
    check(put["ServerSideEncryption"] == "aws:kms" and put.get("BucketKeyEnabled") is True, "a bucket default aws:kms with a Bucket Key applies")
    s3.delete_bucket_encryption(Bucket=bucket)

    # SSE-C: boto3 base64-encodes the key and adds its MD5.
    key = os.urandom(32)
    other = os.urandom(32)
    secret = os.urandom(200000)
    put = s3.put_object(Bucket=bucket, Key="c.bin", Body=secret, SSECustomerAlgorithm="AES256", SSECustomerKey=key)
    check(put["SSECustomerAlgorithm"] == "AES256", "put_object with a customer key echoes the algorithm")
    check(error_of(lambda: s3.get_object(Bucket=bucket, Key="c.bin")) == ("InvalidRequest", 400), "get without the key: 400 InvalidRequest")
    check(error_of(lambda: s3.get_object(Bucket=bucket, Key="c.bin", SSECustomerAlgorithm="AES256", SSECustomerKey=other))
          == ("AccessDenied", 403), "get with another key: 403 AccessDenied")
    check(error_of(lambda: s3.head_object(Bucket=bucket, Key="c.bin"))[1] == 400, "head without the key: 400")
    got = s3.get_object(Bucket=bucket, Key="c.bin", SSECustomerAlgorithm="AES256", SSECustomerKey=key)
    check(got["Body"].read() == secret, "get with the key decrypts")
    ranged = s3.get_object(Bucket=bucket, Key="c.bin", Range="bytes=100-70000", SSECustomerAlgorithm="AES256", SSECustomerKey=key)
    check(ranged["Body"].read() == secret[100:70001], "a ranged get with the key decrypts the range")

    s3.copy_object(Bucket=bucket, Key="c2.bin", CopySource={"Bucket": bucket, "Key": "c.bin"},
                   CopySourceSSECustomerAlgorithm="AES256", CopySourceSSECustomerKey=key,
                   SSECustomerAlgorithm="AES256", SSECustomerKey=other)
    check(s3.get_object(Bucket=bucket, Key="c2.bin", SSECustomerAlgorithm="AES256", SSECustomerKey=other)["Body"].read() == secret,
          "copy_object moves the object to another customer key")
    check(error_of(lambda: s3.get_object(Bucket=bucket, Key="c2.bin", SSECustomerAlgorithm="AES256", SSECustomerKey=key))
          == ("AccessDenied", 403), "the copy does not open with the source's key")

    for listed in s3.list_objects_v2(Bucket=bucket)["Contents"]:
        s3.delete_object(Bucket=bucket, Key=listed["Key"])
    s3.delete_bucket(Bucket=bucket)


if __name__ == "__main__":
    run_checks(main)
