#!/usr/bin/python3
"""Eclipse paho (the Debian package python3-paho-mqtt) against Nuage's MQTT port, as a device or application written
in Python would use it: MQTT 3.1.1 and 5, QoS 0/1/2, a retained message, MQTT 5 properties, wrong credentials, and
another account's client seeing none of it. One line per check; exits 1 on the first failure.

Environment: NUAGE_MQTT_HOST, NUAGE_MQTT_PORT; NUAGE_A_KEY/NUAGE_A_SECRET (account A's root key, the MQTT user name
and password); NUAGE_B_KEY/NUAGE_B_SECRET (account B's root key); NUAGE_RUN (a suffix for client ids and topics).
"""
import os
import queue
import threading

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from nuage_checks import check, run_checks

HOST = os.environ["NUAGE_MQTT_HOST"]
PORT = int(os.environ["NUAGE_MQTT_PORT"])
RUN = os.environ["NUAGE_RUN"]
TIMEOUT = 10


class Session:
    """One paho client on its network thread, with what it received in a queue."""

    def __init__(self, name, key, secret, protocol):
        self.protocol = protocol
        self.messages = queue.Queue()
        self.connected = threading.Event()
        self.subscribed = threading.Event()
        self.connect_code = None
        self.granted = None
        client_id = "paho-%s-%s" % (name, RUN)
        if protocol == mqtt.MQTTv5:
            self.client = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv5)
        else:
            self.client = mqtt.Client(client_id=client_id, clean_session=True, protocol=mqtt.MQTTv311)
        self.client.username_pw_set(key, secret)
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = self._on_subscribe
        self.client.on_message = lambda client, userdata, message: self.messages.put(message)

    def _on_connect(self, client, userdata, flags, rc, properties=None):
        self.connect_code = rc if isinstance(rc, int) else rc.value
        self.connected.set()

    def _on_subscribe(self, client, userdata, mid, granted, properties=None):
        self.granted = [g if isinstance(g, int) else g.value for g in granted]
        self.subscribed.set()

    def connect(self):
        if self.protocol == mqtt.MQTTv5:
            self.client.connect(HOST, PORT, keepalive=30, clean_start=True)
        else:
            self.client.connect(HOST, PORT, keepalive=30)
        self.client.loop_start()
        if not self.connected.wait(TIMEOUT):
            raise AssertionError("FAILED: no CONNACK within %d s" % TIMEOUT)
        return self.connect_code

    def subscribe(self, topic_filter, qos):
        self.subscribed.clear()
        self.client.subscribe(topic_filter, qos)
        if not self.subscribed.wait(TIMEOUT):
            raise AssertionError("FAILED: no SUBACK for %s" % topic_filter)
        return self.granted

    def publish(self, topic, payload, qos, retain=False, properties=None):
        info = self.client.publish(topic, payload, qos=qos, retain=retain, properties=properties)
        info.wait_for_publish(TIMEOUT)
        check(info.is_published(), "%s: published %s at QoS %d" % (self.name(), topic, qos))

    def next(self):
        return self.messages.get(timeout=TIMEOUT)

    def nothing_within(self, seconds):
        try:
            message = self.messages.get(timeout=seconds)
            return "got %s" % message.topic
        except queue.Empty:
            return None

    def name(self):
        return "MQTT 5" if self.protocol == mqtt.MQTTv5 else "MQTT 3.1.1"

    def close(self):
        self.client.disconnect()
        self.client.loop_stop()


def exchange(protocol):
    """A subscriber and a publisher of account A: QoS 0, 1 and 2 arrive once each, at the granted QoS, in order."""
    tag = "v5" if protocol == mqtt.MQTTv5 else "v311"
    root = "paho/%s/%s" % (RUN, tag)
    sub = Session("sub-" + tag, os.environ["NUAGE_A_KEY"], os.environ["NUAGE_A_SECRET"], protocol)
    pub = Session("pub-" + tag, os.environ["NUAGE_A_KEY"], os.environ["NUAGE_A_SECRET"], protocol)
    check(sub.connect() == 0, "%s: subscriber connected with account A's key" % sub.name())
    check(pub.connect() == 0, "%s: publisher connected" % pub.name())
    check(sub.subscribe(root + "/#", 2) == [2], "%s: SUBACK grants QoS 2" % sub.name())
    for qos in (0, 1, 2):
        pub.publish("%s/q%d" % (root, qos), "payload %d" % qos, qos)
    got = [sub.next() for _ in range(3)]
    check([m.topic for m in got] == ["%s/q%d" % (root, q) for q in (0, 1, 2)], "%s: three messages in order" % sub.name())
    check([m.payload for m in got] == [b"payload 0", b"payload 1", b"payload 2"], "%s: payloads intact" % sub.name())
    check([m.qos for m in got] == [0, 1, 2], "%s: each delivered at its QoS" % sub.name())
    check(sub.nothing_within(0.5) is None, "%s: nothing delivered twice" % sub.name())
    sub.close()
    pub.close()


def properties_and_retained():
    """MQTT 5 properties reach the subscriber unchanged; a retained message reaches a later subscriber with RETAIN."""
    root = "paho/%s/props" % RUN
    pub = Session("pub-props", os.environ["NUAGE_A_KEY"], os.environ["NUAGE_A_SECRET"], mqtt.MQTTv5)
    sub = Session("sub-props", os.environ["NUAGE_A_KEY"], os.environ["NUAGE_A_SECRET"], mqtt.MQTTv5)
    check(pub.connect() == 0 and sub.connect() == 0, "MQTT 5: both clients connected")
    sub.subscribe(root + "/request", 1)
    properties = Properties(PacketTypes.PUBLISH)
    properties.UserProperty = [("device", "sensor-7"), ("unit", "celsius")]
    properties.ResponseTopic = root + "/reply"
    properties.CorrelationData = b"\x01\x02corr"
    properties.ContentType = "application/json"
    properties.MessageExpiryInterval = 3600
    pub.publish(root + "/request", '{"t": 21.5}', 1, properties=properties)
    message = sub.next()
    got = message.properties
    check(message.payload == b'{"t": 21.5}', "MQTT 5: payload intact")
    check(sorted(got.UserProperty) == [("device", "sensor-7"), ("unit", "celsius")], "MQTT 5: user properties intact")
    check(got.ResponseTopic == root + "/reply", "MQTT 5: response topic intact")
    check(got.CorrelationData == b"\x01\x02corr", "MQTT 5: correlation data intact")
    check(got.ContentType == "application/json", "MQTT 5: content type intact")
    check(0 < got.MessageExpiryInterval <= 3600, "MQTT 5: message expiry interval forwarded (remaining seconds)")

    pub.publish(root + "/state", "on", 1, retain=True)
    late = Session("late-props", os.environ["NUAGE_A_KEY"], os.environ["NUAGE_A_SECRET"], mqtt.MQTTv311)
    check(late.connect() == 0, "MQTT 3.1.1: a later subscriber connected")
    late.subscribe(root + "/state", 1)
    retained = late.next()
    check((retained.topic, retained.payload, retained.retain) == (root + "/state", b"on", True), "retained message delivered with RETAIN to a later subscriber")
    pub.publish(root + "/state", "", 1, retain=True)  # [MQTT-3.3.1-6]: an empty retained message clears it
    for session in (pub, sub, late):
        session.close()


def isolation_and_credentials():
    """Account B's client subscribed to '#' sees nothing of account A's; a wrong secret is refused at CONNECT."""
    other = Session("other", os.environ["NUAGE_B_KEY"], os.environ["NUAGE_B_SECRET"], mqtt.MQTTv311)
    check(other.connect() == 0, "account B connected")
    other.subscribe("#", 1)
    pub = Session("pub-iso", os.environ["NUAGE_A_KEY"], os.environ["NUAGE_A_SECRET"], mqtt.MQTTv311)
    check(pub.connect() == 0, "account A connected")
    pub.publish("paho/%s/private" % RUN, "secret", 1)
    check(other.nothing_within(1.5) is None, "account B's '#' receives nothing of account A's")
    other.close()
    pub.close()

    wrong = Session("wrong", os.environ["NUAGE_A_KEY"], "not-the-secret", mqtt.MQTTv311)
    code = wrong.connect()
    check(code in (4, 5), "MQTT 3.1.1: a wrong secret is refused (CONNACK return code %s)" % code)
    wrong.close()
    wrong5 = Session("wrong5", os.environ["NUAGE_A_KEY"], "not-the-secret", mqtt.MQTTv5)
    code = wrong5.connect()
    check(code in (0x86, 0x87), "MQTT 5: a wrong secret is refused (reason code 0x%02x)" % code)
    wrong5.close()


def main():
    exchange(mqtt.MQTTv311)
    exchange(mqtt.MQTTv5)
    properties_and_retained()
    isolation_and_credentials()


if __name__ == "__main__":
    run_checks(main)
