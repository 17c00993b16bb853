#!/usr/bin/python3
"""boto3's iot-data client against a Nuage endpoint (the S3 port; the SigV4 scope "iotdata" picks the Device Shadow
REST API door): get/update/delete of classic and named shadows, ListNamedShadowsForThing with paging, AWS's error
codes, an IAM user's rights, and another account's shadows kept apart. One line per check; exits 1 on the first
failure.

Environment: NUAGE_ENDPOINT; AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (account A's root key); NUAGE_B_KEY/NUAGE_B_SECRET
(account B's root key); NUAGE_READER_KEY/NUAGE_READER_SECRET (an IAM user of A allowed only iot:GetThingShadow).
The caller subscribes over MQTT to $aws/things/http-thing/shadow/update/delta and .../update/rejected of account A
and expects exactly one delta (clientToken "from-http") and no rejected message.
"""
import json
import os
import sys
import traceback

import boto3
from botocore.config import Config
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


def error_of(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get("Message", "")
    return None


def client(**credentials):
    return boto3.client("iot-data", endpoint_url=endpoint, region_name="us-east-1", config=config, **credentials)


def payload(response):
    return json.loads(response["payload"].read())


def main():
    a = client()
    b = client(aws_access_key_id=os.environ["NUAGE_B_KEY"], aws_secret_access_key=os.environ["NUAGE_B_SECRET"])
    reader = client(aws_access_key_id=os.environ["NUAGE_READER_KEY"], aws_secret_access_key=os.environ["NUAGE_READER_SECRET"])

    code = error_of(lambda: a.get_thing_shadow(thingName="http-thing"))
    check(code[:2] == ("ResourceNotFoundException", 404) and "No shadow exists with name: 'http-thing'" in code[2],
          "get of a shadow never written: 404 ResourceNotFoundException " + str(code))

    doc = payload(a.update_thing_shadow(thingName="http-thing", payload=json.dumps(
        {"state": {"desired": {"mode": "eco", "fan": {"speed": 2}}}, "clientToken": "from-http"}).encode()))
    check(doc["version"] == 1 and doc["clientToken"] == "from-http" and doc["state"]["desired"]["mode"] == "eco",
          "update answers the accepted document with version 1 and the clientToken")
    check(doc["metadata"]["desired"]["fan"]["speed"]["timestamp"] > 1700000000, "update's metadata has a timestamp per leaf")

    code = error_of(lambda: a.update_thing_shadow(thingName="http-thing", payload=json.dumps(
        {"state": {"reported": {"mode": "eco"}}, "version": 41}).encode()))
    check(code[:2] == ("ConflictException", 409) and code[2] == "Version conflict", "a stale version is 409 ConflictException " + str(code))

    doc = payload(a.update_thing_shadow(thingName="http-thing", payload=b'{"state":{"reported":{"mode":"eco","fan":{"speed":1}}},"version":1}'))
    check(doc["version"] == 2, "an update with the current version is accepted (version 2)")

    doc = payload(a.get_thing_shadow(thingName="http-thing"))
    check(doc["version"] == 2 and doc["state"]["delta"] == {"fan": {"speed": 2}} and doc["state"]["reported"]["mode"] == "eco",
          "get returns desired, reported and the delta " + json.dumps(doc["state"]))

    for bad, expected in [(b"{nope", "Invalid JSON"), (b'{"state":{"desired":1}}', "Desired node must be an object"),
                          (b'{"clientToken":"x"}', "Missing required node: state")]:
        code = error_of(lambda: a.update_thing_shadow(thingName="http-thing", payload=bad))
        check(code[:2] == ("InvalidRequestException", 400) and code[2] == expected, "bad update: " + expected + " " + str(code))
    big = json.dumps({"state": {"reported": {"blob": "x" * 9000}}}).encode()
    code = error_of(lambda: a.update_thing_shadow(thingName="http-thing", payload=big))
    check(code[:2] == ("RequestEntityTooLargeException", 413), "a state over 8 KB is 413 " + str(code))

    # Named shadows, listed in name order with paging.
    for name in ["cfg-a", "cfg-b", "cfg-c"]:
        a.update_thing_shadow(thingName="http-thing", shadowName=name, payload=json.dumps({"state": {"reported": {"n": name}}}).encode())
    doc = payload(a.get_thing_shadow(thingName="http-thing", shadowName="cfg-b"))
    check(doc["state"]["reported"] == {"n": "cfg-b"} and doc["version"] == 1, "a named shadow is its own document")
    page = a.list_named_shadows_for_thing(thingName="http-thing", pageSize=2)
    check(page["results"] == ["cfg-a", "cfg-b"] and "nextToken" in page, "ListNamedShadowsForThing: first page of 2 " + str(page["results"]))
    page = a.list_named_shadows_for_thing(thingName="http-thing", pageSize=2, nextToken=page["nextToken"])
    check(page["results"] == ["cfg-c"] and "nextToken" not in page, "ListNamedShadowsForThing: last page")

    doc = payload(a.delete_thing_shadow(thingName="http-thing", shadowName="cfg-c"))
    check(doc["version"] == 1, "delete answers the deleted version")
    code = error_of(lambda: a.get_thing_shadow(thingName="http-thing", shadowName="cfg-c"))
    check(code[:2] == ("ResourceNotFoundException", 404) and "'cfg-c'" in code[2], "a deleted named shadow is gone " + str(code))
    check(a.list_named_shadows_for_thing(thingName="http-thing")["results"] == ["cfg-a", "cfg-b"], "the deleted shadow leaves the list")
    code = error_of(lambda: a.get_thing_shadow(thingName="http-thing", shadowName="bad/name"))
    check(code is not None and code[1] in (400, 404), "an invalid shadow name is refused " + str(code))

    # Another account: same thing name, other shadows.
    code = error_of(lambda: b.get_thing_shadow(thingName="http-thing"))
    check(code[:2] == ("ResourceNotFoundException", 404), "account B does not see account A's shadow")
    check(b.list_named_shadows_for_thing(thingName="http-thing")["results"] == [], "account B lists no named shadow of A")

    # An IAM user allowed iot:GetThingShadow only.
    check(payload(reader.get_thing_shadow(thingName="http-thing"))["version"] == 2, "the reader may get the shadow")
    code = error_of(lambda: reader.update_thing_shadow(thingName="http-thing", payload=b'{"state":{"desired":{"mode":"x"}}}'))
    check(code[:2] == ("ForbiddenException", 403) and "iot:UpdateThingShadow" in code[2], "the reader may not update it " + str(code))
    code = error_of(lambda: reader.delete_thing_shadow(thingName="http-thing"))
    check(code[:2] == ("ForbiddenException", 403), "the reader may not delete it")

    print(f"{checks} checks passed", flush=True)


if __name__ == "__main__":
    try:
        main()
    except Exception:
        traceback.print_exc()
        sys.exit(1)
