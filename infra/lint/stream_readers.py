#!/usr/bin/env python3
"""Fails when a DynamoDB stream of the template has more than two readers in any Conditions case.

Why: "No more than two processes at most should be reading from the same streams shard at the same
time. Having more than two readers per shard can result in throttling." (DynamoDB developer guide,
"Change data capture for DynamoDB Streams"). Each Lambda event source mapping and each EventBridge
pipe on the stream is one reader. Counted on the SAM-translated template (stack_cycles.translate), so
a `Type: DynamoDB` event of a function counts as the mapping it becomes.

Usage: stream_readers.py TEMPLATE      Exit status: 0 at most two readers per stream, 1 otherwise.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack_cycles import condition_cases, describe, condition_parameters, resolve, translate  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

MAX_READERS = 2


def stream_of(arn, resources: dict) -> str | None:
    """A DynamoDB stream's identity (the table's logical id, or the literal ARN), else None."""
    if isinstance(arn, dict) and "Fn::GetAtt" in arn:
        target = arn["Fn::GetAtt"]
        table, attribute = target.split(".", 1) if isinstance(target, str) else target
        if attribute == "StreamArn" and resources.get(table, {}).get("Type") == "AWS::DynamoDB::Table":
            return f"{table}.StreamArn"
        return None
    text = json.dumps(arn, sort_keys=True)
    return text if ":dynamodb:" in text and "/stream/" in text else None


def readers(template: dict) -> dict[str, list[str]]:
    """Each DynamoDB stream -> the event source mappings and pipes that read it."""
    resources = template.get("Resources") or {}
    found: dict[str, list[str]] = {}
    for name, body in resources.items():
        props = body.get("Properties") or {}
        if body.get("Type") == "AWS::Lambda::EventSourceMapping":
            arn = props.get("EventSourceArn")
            reader = f"{name} (mapping to {json.dumps(props.get('FunctionName'))})"
        elif body.get("Type") == "AWS::Pipes::Pipe":
            arn, reader = props.get("Source"), f"{name} (pipe)"
        else:
            continue
        stream = stream_of(arn, resources)
        if stream:
            found.setdefault(stream, []).append(reader)
    return found


def check(template_path: Path, out=sys.stdout) -> bool:
    sam_template = yaml_parse(template_path.read_text())
    switches = condition_parameters(sam_template)
    ok = True
    for number, (params, outcome) in enumerate(condition_cases(sam_template), 1):
        label = describe(params, switches, outcome)
        for stream, names in sorted(readers(resolve(translate(sam_template, params), outcome)).items()):
            verdict = "ok" if len(names) <= MAX_READERS else f"MORE THAN {MAX_READERS} READERS"
            ok = ok and len(names) <= MAX_READERS
            print(f"stream-readers: case{number}, {label}: {stream}: {len(names)} reader(s), {verdict}: "
                  + ", ".join(sorted(names)), file=out)
    return ok


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    ok = check(Path(argv[0]))
    print("stream-readers: " + ("passed" if ok else "FAILED: DynamoDB Streams throttles more than two readers per shard"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
