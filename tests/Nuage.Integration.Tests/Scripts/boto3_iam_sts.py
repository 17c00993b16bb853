#!/usr/bin/python3
"""boto3's iam and sts clients against a Nuage endpoint (the S3 port; the SigV4 scope picks the IAM/STS door):
users, keys, policies, groups, roles, pagination, errors, get_caller_identity, assume_role and the temporary
credentials on S3, and an unknown Action sent as a raw signed request. One line per check; exits 1 on the first
failure.

Environment: NUAGE_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (the operator's root key).
"""
import json
import os
import sys
import traceback
import urllib.error
import urllib.request
import uuid

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

checks = 0
endpoint = os.environ["NUAGE_ENDPOINT"]
config = Config(retries={"max_attempts": 1})


def check(condition, what):
    global checks
    if not condition:
        raise AssertionError("FAILED: " + what)
    checks += 1
    print("ok   " + what, flush=True)


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


def client(service, **credentials):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", config=config, **credentials)


def main():
    iam, sts = client("iam"), client("sts")
    suffix = uuid.uuid4().hex[:8]
    user = "boto-" + suffix
    created = iam.create_user(UserName=user)["User"]
    check(created["Arn"].endswith(":user/" + user), "create_user answers the user's ARN")
    check(error_code(lambda: iam.create_user(UserName=user)) == "EntityAlreadyExists", "a second create_user is EntityAlreadyExists")
    check(error_code(lambda: iam.get_user(UserName="nobody-" + suffix)) == "NoSuchEntity", "get_user of nobody is NoSuchEntity")

    for n in range(3):
        iam.create_user(UserName="page-%s-%d" % (suffix, n), Path="/page-%s/" % suffix)
    first = iam.list_users(PathPrefix="/page-%s/" % suffix, MaxItems=2)
    check(first["IsTruncated"] and len(first["Users"]) == 2, "list_users pages with MaxItems")
    rest = iam.list_users(PathPrefix="/page-%s/" % suffix, MaxItems=2, Marker=first["Marker"])
    check(not rest["IsTruncated"] and len(rest["Users"]) == 1, "the Marker resumes the listing")
    paged = [u["UserName"] for page in iam.get_paginator("list_users").paginate(PathPrefix="/page-%s/" % suffix, PaginationConfig={"PageSize": 1}) for u in page["Users"]]
    check(len(paged) == 3, "boto3's paginator walks every page")

    key = iam.create_access_key(UserName=user)["AccessKey"]
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:GetUser", "s3:ListAllMyBuckets"], "Resource": "*"}]}
    iam.put_user_policy(UserName=user, PolicyName="p", PolicyDocument=json.dumps(document))
    check(iam.get_user_policy(UserName=user, PolicyName="p")["PolicyDocument"] == document, "get_user_policy returns the document (URL-decoded by boto3)")
    check(error_code(lambda: iam.put_user_policy(UserName=user, PolicyName="bad", PolicyDocument="{")) == "MalformedPolicyDocument", "a malformed policy is refused")

    as_user = dict(aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    check(client("sts", **as_user).get_caller_identity()["Arn"] == created["Arn"], "get_caller_identity with the user's key")
    check(client("iam", **as_user).get_user()["User"]["UserName"] == user, "get_user without a name is the caller")
    check(error_code(lambda: client("iam", **as_user).create_user(UserName="x" + suffix)) == "AccessDenied", "the user may not create users")
    client("s3", **as_user).list_buckets()
    check(True, "the user's policy lets it list buckets")

    group = "g-" + suffix
    iam.create_group(GroupName=group)
    iam.add_user_to_group(GroupName=group, UserName=user)
    check([g["GroupName"] for g in iam.list_groups_for_user(UserName=user)["Groups"]] == [group], "list_groups_for_user")
    arn = iam.create_policy(PolicyName="mp-" + suffix, PolicyDocument=json.dumps(document))["Policy"]["Arn"]
    iam.attach_group_policy(GroupName=group, PolicyArn=arn)
    check([p["PolicyArn"] for p in iam.list_attached_group_policies(GroupName=group)["AttachedPolicies"]] == [arn], "attach and list a group's managed policy")

    role = "r-" + suffix
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": created["Arn"]}, "Action": "sts:AssumeRole"}]}
    role_arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.put_role_policy(RoleName=role, PolicyName="s3", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
    assumed = client("sts", **as_user).assume_role(RoleArn=role_arn, RoleSessionName="boto", DurationSeconds=900)
    c = assumed["Credentials"]
    check(c["AccessKeyId"].startswith("ASIA") and assumed["AssumedRoleUser"]["Arn"].endswith(":assumed-role/%s/boto" % role), "assume_role answers ASIA credentials and the session's ARN")
    as_role = dict(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
    bucket = "boto-sts-" + suffix
    client("s3", **as_role).create_bucket(Bucket=bucket)
    check(bucket in [b["Name"] for b in client("s3", **as_role).list_buckets()["Buckets"]], "the role session creates and lists a bucket")
    client("s3", **as_role).delete_bucket(Bucket=bucket)
    forged = dict(as_role, aws_session_token=c["SessionToken"][:-2] + "xx")
    check(error_code(lambda: client("sts", **forged).get_caller_identity()) == "InvalidClientTokenId", "a forged session token is InvalidClientTokenId")

    request = AWSRequest(method="POST", url=endpoint + "/", data="Action=Frobnicate&Version=2010-05-08",
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]), "iam", "us-east-1").add_auth(request)
    try:
        urllib.request.urlopen(urllib.request.Request(request.url, data=request.body.encode() if isinstance(request.body, str) else request.body,
                                                      headers=dict(request.headers.items()), method="POST"))
        check(False, "an unknown Action fails")
    except urllib.error.HTTPError as e:
        body = e.read().decode()
        check(e.code == 400 and "<Code>InvalidAction</Code>" in body, "an unknown Action is 400 InvalidAction")

    iam.delete_role_policy(RoleName=role, PolicyName="s3")
    iam.delete_role(RoleName=role)
    iam.detach_group_policy(GroupName=group, PolicyArn=arn)
    iam.delete_policy(PolicyArn=arn)
    iam.remove_user_from_group(GroupName=group, UserName=user)
    iam.delete_group(GroupName=group)
    iam.delete_user_policy(UserName=user, PolicyName="p")
    iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
    iam.delete_user(UserName=user)
    check(error_code(lambda: client("sts", **as_user).get_caller_identity()) == "InvalidClientTokenId", "the deleted user's key is refused at once")
    print("%d checks passed" % checks)


if __name__ == "__main__":
    try:
        main()
    except Exception:
        traceback.print_exc()
        sys.exit(1)
