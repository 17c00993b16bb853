#!/usr/bin/env python3
"""Runs eclipse/paho.mqtt.testing's interoperability suite against a Nuage broker, with an access key as MQTT user
name and password (docs/iot.md "Interoperability").

The suite's client_test.py (MQTT 3.1.1) and client_test5.py (MQTT 5) are run unchanged from a snapshot of the
repository given with --suite. They have no option for credentials, so this wraps their client's connect() to add
the key's id and secret when a test does not give its own. Their module-level settings (host, port, topics) are set
here as their __main__ blocks would.
"""
import argparse
import importlib
import sys
import unittest


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suite", required=True, help="the interoperability directory of eclipse/paho.mqtt.testing")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--username", required=True, help="access key id")
    parser.add_argument("--password", required=True, help="its secret")
    parser.add_argument("--version", choices=["3.1.1", "5"], required=True)
    parser.add_argument("--skip", action="append", default=[], help="a test not to run (reported as skipped and failing)")
    parser.add_argument("tests", nargs="*", help="test names to run (all by default)")
    args = parser.parse_args()

    sys.path.insert(0, args.suite)
    module = importlib.import_module("client_test" if args.version == "3.1.1" else "client_test5")
    client = module.mqtt_client.Client
    connect = client.connect

    def connect_with_key(self, *positional, **named):
        named.setdefault("username", args.username)
        named.setdefault("password", args.password.encode("utf-8"))
        return connect(self, *positional, **named)

    client.connect = connect_with_key
    module.host = args.host
    module.port = args.port
    module.topics = ("TopicA", "TopicA/B", "Topic/C", "TopicA/C", "/TopicA")
    module.wildtopics = ("TopicA/+", "+/C", "#", "/#", "/+", "+/+", "TopicA/#")
    module.nosubscribe_topics = ("test/nosubscribe",)
    module.topic_prefix = ""

    loader = unittest.defaultTestLoader
    names = args.tests or loader.getTestCaseNames(module.Test)
    suite = loader.loadTestsFromNames([f"Test.{name}" for name in names if name not in args.skip], module)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    for name in args.skip:
        print(f"NOT RUN: {name}")
    return 0 if result.wasSuccessful() and not args.skip else 1


if __name__ == "__main__":
    sys.exit(main())
