#!/usr/bin/env python3
"""Checks template.yaml the way CloudFormation sees it: translated by the SAM translator, once for
every combination of parameter values that switches the template's Conditions.

Why: cfn-lint's circular-dependency rule (E3004) skips cycles that touch AWS::Serverless::* types,
and a cycle through an alias, a role or an Fn::If branch only appears after SAM has expanded the
template. A stack with such a cycle cannot be created at all ("Circular dependency between
resources"), so this fails the lint.

For each combination: translate with samtranslator (local CodeUris replaced by S3 URIs as
`sam package` does, a stub managed-policy map: no AWS call), keep only the resources whose Condition
holds and the Fn::If branches taken, then
  - build the dependency graph over Ref, Fn::GetAtt, Fn::Sub and DependsOn and print every cycle,
  - run cfn-lint on the translated template (E3004 and bad references among its rules).

Usage: stack_cycles.py [--no-cfn-lint] [--keep DIR] TEMPLATE
Exit status: 0 no cycle and cfn-lint clean, 1 otherwise.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

# samtranslator reads the region for its pseudo parameters; never let it find real credentials.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
# The translator warns about its own unpublished metrics; nothing to do with the template.
logging.getLogger("samtranslator").setLevel(logging.ERROR)

from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

PSEUDO_PARAMETERS = {
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::Region": "us-east-1",
    "AWS::StackName": "doorstep-lint",
    "AWS::StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/doorstep-lint/lint",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::NotificationARNs": [],
    "AWS::NoValue": None,
}
# A value no Fn::Equals in the template compares against: "anything else".
OTHER_VALUE = "doorstep-lint-other-value"
MAX_CASES = 256


class StubManagedPolicies:
    """The translator asks IAM for AWS managed policy ARNs only for policies named by name; build them."""

    def load(self) -> dict[str, str]:
        return _ManagedPolicyArns()


class _ManagedPolicyArns(dict):
    def __missing__(self, name: str) -> str:
        return f"arn:aws:iam::aws:policy/{name}"

    def __contains__(self, name: object) -> bool:  # every name is "known"
        return isinstance(name, str) and not name.startswith("arn:")


# ---------------------------------------------------------------------------------------------
# Parameter combinations
# ---------------------------------------------------------------------------------------------

def _walk(node: Any):
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def condition_parameters(template: dict) -> dict[str, list[Any]]:
    """Each parameter a Condition reads, with the values that can switch it."""
    parameters = template.get("Parameters") or {}
    candidates: dict[str, list[Any]] = {}
    for node in _walk(template.get("Conditions") or {}):
        if isinstance(node, dict) and "Ref" in node and node["Ref"] in parameters:
            candidates.setdefault(node["Ref"], [])
    for node in _walk(template.get("Conditions") or {}):
        if not (isinstance(node, dict) and "Fn::Equals" in node):
            continue
        left, right = node["Fn::Equals"]
        for ref, literal in ((left, right), (right, left)):
            if isinstance(ref, dict) and ref.get("Ref") in candidates and not isinstance(literal, (dict, list)):
                candidates[ref["Ref"]].append(str(literal))
    for name, values in candidates.items():
        spec = parameters[name]
        if "AllowedValues" in spec:
            values.extend(str(v) for v in spec["AllowedValues"])
        else:
            if "Default" in spec:
                values.append(str(spec["Default"]))
            values.append("7" if spec.get("Type") == "Number" else OTHER_VALUE)
        candidates[name] = list(dict.fromkeys(values))
    return candidates


def placeholder_parameters(template: dict) -> dict[str, Any]:
    """A value for every parameter: its default, else a harmless placeholder of its type."""
    values = {}
    for name, spec in (template.get("Parameters") or {}).items():
        if "Default" in spec:
            values[name] = spec["Default"]
        elif "AllowedValues" in spec:
            values[name] = spec["AllowedValues"][0]
        elif spec.get("Type") == "Number":
            values[name] = spec.get("MinValue", 1)
        else:
            values[name] = f"lint-{name.lower()}"
    return values


def evaluate_condition(expr: Any, params: dict, conditions: dict, seen: tuple = ()) -> bool:
    if isinstance(expr, bool):
        return expr
    if isinstance(expr, dict) and len(expr) == 1:
        (key, arg), = expr.items()
        if key == "Condition":
            if arg in seen:
                raise ValueError(f"Condition {arg} refers to itself")
            return evaluate_condition(conditions[arg], params, conditions, seen + (arg,))
        if key == "Fn::Not":
            return not evaluate_condition(arg[0], params, conditions, seen)
        if key == "Fn::And":
            return all(evaluate_condition(a, params, conditions, seen) for a in arg)
        if key == "Fn::Or":
            return any(evaluate_condition(a, params, conditions, seen) for a in arg)
        if key == "Fn::Equals":
            return str(_value(arg[0], params)) == str(_value(arg[1], params))
    raise ValueError(f"cannot evaluate condition {expr!r}")


def _value(expr: Any, params: dict) -> Any:
    if isinstance(expr, dict) and "Ref" in expr:
        name = expr["Ref"]
        if name in params:
            return params[name]
        if name in PSEUDO_PARAMETERS:
            return PSEUDO_PARAMETERS[name]
        raise ValueError(f"condition reads {name}, which is no parameter")
    if isinstance(expr, (dict, list)):
        raise ValueError(f"cannot evaluate {expr!r} in a condition")
    return expr


def condition_cases(template: dict) -> list[tuple[dict, dict]]:
    """One (parameter values, condition values) pair per distinct outcome of the Conditions."""
    base = placeholder_parameters(template)
    conditions = template.get("Conditions") or {}
    switches = condition_parameters(template)
    names = sorted(switches)
    combos = list(itertools.product(*(switches[n] for n in names)))
    if len(combos) > MAX_CASES:
        raise ValueError(f"{len(combos)} parameter combinations switch the Conditions; more than {MAX_CASES}")
    cases, seen = [], set()
    for combo in combos:
        params = {**base, **dict(zip(names, combo))}
        outcome = {c: evaluate_condition(e, params, conditions) for c, e in conditions.items()}
        key = tuple(sorted(outcome.items()))
        if key not in seen:
            seen.add(key)
            cases.append((params, outcome))
    return cases


# ---------------------------------------------------------------------------------------------
# Translation and resolution
# ---------------------------------------------------------------------------------------------

def translate(sam_template: dict, params: dict) -> dict:
    """What CloudFormation receives after the SAM transform, for these parameter values."""
    template = copy.deepcopy(sam_template)
    for resource in (template.get("Resources") or {}).values():
        props = resource.get("Properties") or {}
        for key in ("CodeUri", "ContentUri", "DefinitionUri"):
            # sam package uploads local artifacts; the translator only takes S3 locations.
            if isinstance(props.get(key), str) and not props[key].startswith("s3://"):
                props[key] = "s3://doorstep-lint-artifacts/" + props[key].lstrip("./")
    if "Transform" not in template:
        return template
    return transform(template, dict(params), StubManagedPolicies())


def resolve(template: dict, conditions: dict[str, bool]) -> dict:
    """The template with the Fn::If branches taken and the resources whose Condition is false removed."""

    def pick(node: Any) -> Any:
        if isinstance(node, dict):
            if len(node) == 1 and "Fn::If" in node:
                name, yes, no = node["Fn::If"]
                return pick(yes if conditions[name] else no)
            out = {}
            for key, value in node.items():
                value = pick(value)
                if value != {"Ref": "AWS::NoValue"}:
                    out[key] = value
            return out
        if isinstance(node, list):
            return [v for v in map(pick, node) if v != {"Ref": "AWS::NoValue"}]
        return node

    def kept(section: str) -> dict:
        # The Condition is decided: drop the false ones, and the key from the rest.
        return {name: pick({k: v for k, v in body.items() if k != "Condition"})
                for name, body in (template.get(section) or {}).items()
                if conditions.get(body.get("Condition"), True)}

    out = {k: copy.deepcopy(v) for k, v in template.items() if k not in ("Conditions", "Resources", "Outputs")}
    out["Resources"] = kept("Resources")
    if template.get("Outputs"):
        out["Outputs"] = kept("Outputs")
    return out


# ---------------------------------------------------------------------------------------------
# The dependency graph
# ---------------------------------------------------------------------------------------------

_SUB_VARIABLE = re.compile(r"\$\{([^!}][^}]*)\}")


def references(node: Any, resources: set[str], local: frozenset = frozenset()) -> set[str]:
    """Logical ids of the resources this node reads through Ref, Fn::GetAtt and Fn::Sub."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, arg in node.items():
            if key == "Ref" and isinstance(arg, str):
                if arg in resources and arg not in local:
                    found.add(arg)
            elif key == "Fn::GetAtt":
                target = arg.split(".", 1)[0] if isinstance(arg, str) else arg[0]
                if isinstance(target, str) and target in resources:
                    found.add(target)
                elif not isinstance(target, str):
                    found |= references(target, resources, local)
            elif key == "Fn::Sub":
                text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1] if len(arg) > 1 else {})
                names = frozenset(variables) | local
                for variable in _SUB_VARIABLE.findall(text if isinstance(text, str) else ""):
                    target = variable.split(".", 1)[0]
                    if target in resources and variable not in names and target not in names:
                        found.add(target)
                found |= references(variables, resources, local)
            else:
                found |= references(arg, resources, local)
    elif isinstance(node, list):
        for value in node:
            found |= references(value, resources, local)
    return found


def dependency_graph(template: dict) -> dict[str, set[str]]:
    """Resource -> the resources CloudFormation must create first."""
    resources = template.get("Resources") or {}
    names = set(resources)
    graph = {}
    for name, body in resources.items():
        depends = body.get("DependsOn", [])
        depends = [depends] if isinstance(depends, str) else list(depends)
        # Metadata is not resolved by CloudFormation, so it orders nothing.
        edges = references({k: v for k, v in body.items() if k not in ("Metadata", "DependsOn")}, names)
        graph[name] = edges | {d for d in depends if d in names}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (first node repeated at the end) per strongly connected component that has one."""
    return [_cycle_in(component, graph) for component in tangles(graph)]


def tangles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components that hold a cycle: every resource caught in one."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []
    counter = itertools.count()

    def connect(start: str) -> None:
        # Tarjan's algorithm, iterative: templates are small but recursion limits are not ours to set.
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = next(counter)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = next(counter)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(graph[succ]))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    components.append(set(component))

    for name in sorted(graph):
        if name not in index:
            connect(name)
    return components


def _cycle_in(component: set[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest cycle through the component's first node (breadth-first back to it)."""
    start = min(component)
    parents: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for succ in sorted(graph[node] & component):
                if succ == start:
                    path = [node]
                    while parents[path[-1]] is not None:
                        path.append(parents[path[-1]])
                    return list(reversed(path)) + [start]
                if succ not in parents:
                    parents[succ] = node
                    following.append(succ)
        frontier = following
    raise AssertionError("a strongly connected component without a cycle")


# ---------------------------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------------------------

def describe(params: dict, switches: dict, outcome: dict) -> str:
    chosen = ", ".join(f"{n}={params[n]!r}" for n in sorted(switches)) or "defaults"
    conds = ", ".join(f"{c}={'true' if v else 'false'}" for c, v in sorted(outcome.items()))
    return f"{chosen} ({conds})" if conds else chosen


def run_cfn_lint(templates: dict[str, dict], keep: Path | None) -> dict[str, list[str]]:
    """cfn-lint's errors for each translated template, by label (one cfn-lint run for all of them)."""
    cfn_lint = Path(sys.executable).with_name("cfn-lint")
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        files = {}
        for label, template in templates.items():
            files[label] = folder / f"translated-{label}.json"
            files[label].write_text(json.dumps(template, indent=1))
        result = subprocess.run([str(cfn_lint), "--format", "parseable", "--", *map(str, files.values())],
                                capture_output=True, text=True)
    if result.returncode == 1 or (result.returncode and not result.stdout):
        raise RuntimeError("cfn-lint did not run: " + result.stderr.strip())
    # A translated template is judged on errors (E...); warnings are for the source template's lint.
    errors: dict[str, list[str]] = {label: [] for label in templates}
    for line in result.stdout.splitlines():
        for label, file in files.items():
            if line.startswith(str(file) + ":") and line.split(":")[5].startswith("E"):
                errors[label].append(line[len(str(file)) + 1:])
    return errors


def check(template_path: Path, with_cfn_lint: bool = True, keep: Path | None = None, out=sys.stdout) -> bool:
    sam_template = yaml_parse(template_path.read_text())
    switches = condition_parameters(sam_template)
    ok = True
    resolved_cases = {}
    for number, (params, outcome) in enumerate(condition_cases(sam_template), 1):
        label = describe(params, switches, outcome)
        resolved = resolve(translate(sam_template, params), outcome)
        resolved_cases[f"case{number}"] = resolved
        graph = dependency_graph(resolved)
        found = tangles(graph)
        for component in found:
            ok = False
            print(f"stack-cycles: case{number}, {label}: CYCLE\n  " + " -> ".join(_cycle_in(component, graph))
                  + f"\n  (all {len(component)} resources caught in it: {', '.join(sorted(component))})", file=out)
        if not found:
            print(f"stack-cycles: case{number}, {label}: no cycle among {len(graph)} resources", file=out)
    if with_cfn_lint:
        for label, errors in run_cfn_lint(resolved_cases, keep).items():
            if errors:
                ok = False
                print(f"stack-cycles: cfn-lint errors in the translated template of {label}:", file=out)
                for error in errors:
                    print("  " + error, file=out)
    return ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("template", type=Path)
    parser.add_argument("--no-cfn-lint", action="store_true", help="only the dependency-graph check")
    parser.add_argument("--keep", type=Path, help="write each translated template into this directory")
    args = parser.parse_args(argv)
    ok = check(args.template, with_cfn_lint=not args.no_cfn_lint, keep=args.keep)
    print("stack-cycles: " + ("passed" if ok else "FAILED: the stack cannot be created as it stands"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
