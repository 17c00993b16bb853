"""What the test scripts share (boto3's, and paho_mqtt.py): a check that prints one line and counts, the error a call fails with, and the
runner that turns the first failure into a non-zero exit with its story. Imported from the scripts' own directory.
"""
import sys
import traceback

_passed = 0


def check(condition, what):
    global _passed
    if not condition:
        raise AssertionError("FAILED: " + what)
    _passed += 1
    print("ok   " + what, flush=True)


def error_of(call):
    """The S3 error code (for HEAD, the status as text) and HTTP status a call fails with; fails when it succeeds."""
    # Imported here, so scripts without boto3 (paho_mqtt.py) share check() and run_checks().
    from botocore.exceptions import ClientError

    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError("FAILED: expected an error, the call succeeded")


def run_checks(main):
    """Runs main; prints how many checks passed, and exits 1 with the traceback at the first failure."""
    try:
        main()
        print("%d checks passed" % _passed)
    except Exception:  # noqa: BLE001 - every failure becomes a non-zero exit with its story
        traceback.print_exc()
        print("%d checks passed before the failure" % _passed)
        sys.exit(1)
