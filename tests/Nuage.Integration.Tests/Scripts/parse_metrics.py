"""Parses a Prometheus text exposition (stdin) with the Prometheus project's own parser (prometheus_client) and
prints it as JSON: [{"name", "type", "help", "samples": [{"name", "labels", "value"}]}]. A document the parser
rejects exits non-zero with its error, which fails the test that asked."""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families

families = []
for family in text_string_to_metric_families(sys.stdin.read()):
    families.append({
        "name": family.name,
        "type": family.type,
        "help": family.documentation,
        "samples": [
            {"name": s.name, "labels": s.labels, "value": None if math.isnan(s.value) else s.value}
            for s in family.samples
        ],
    })
json.dump(families, sys.stdout)
