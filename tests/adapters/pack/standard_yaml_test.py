#!/usr/bin/python3
"""Every shipped pack file is standard YAML (issue #27).

For each rules/**/*.yaml and tests/cases/**/*.yaml, python3-yaml and cadence
(the pack_yaml_tree tool: the loader's own YamlDocument) must agree: both
read the file to the same tree (mappings with their keys in order, lists,
scalars as text after quoting and folding, nulls), or both reject it (the
cases that test YAML errors). yaml.safe_load must load every file cadence
reads.

PyYAML implements YAML 1.1, whose implicit timestamps make safe_load fail on
a date that does not exist (tests/cases/packs/waiver-bad-expires has
2023-02-30 on purpose). YAML 1.2's core schema has no timestamps, so such a
file is loaded once more with the timestamp resolver removed.

Usage: standard_yaml_test.py PACK_YAML_TREE REPO_ROOT
"""
import json
import pathlib
import subprocess
import sys

import yaml


# The cases that test a file YAML does not read: both must reject these, and
# only these.
NOT_YAML = {
    "tests/cases/packs/yaml-syntax/pack.yaml",
    "tests/cases/packs/unquoted-named-argument/pack.yaml",
}


class Yaml12Loader(yaml.SafeLoader):
    pass


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def tree(node):
    if isinstance(node, yaml.MappingNode):
        return {"map": [[tree(key), tree(value)] for key, value in node.value]}
    if isinstance(node, yaml.SequenceNode):
        return [tree(item) for item in node.value]
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return node.value


def python_tree(text):
    """The tree, or the error that made python3-yaml reject the text."""
    try:
        try:
            yaml.safe_load(text)
        except ValueError:
            yaml.load(text, Loader=Yaml12Loader)  # a YAML 1.1 timestamp, see above
        node = yaml.compose(text, Loader=Yaml12Loader)
    except yaml.YAMLError as error:
        return None, str(error).splitlines()[0]
    return (tree(node) if node is not None else None), None


def main():
    tool, root = sys.argv[1], pathlib.Path(sys.argv[2])
    files = sorted(set(root.glob("rules/**/*.yaml")) | set(root.glob("tests/cases/**/*.yaml")))
    failures = []
    read = 0
    for path in files:
        name = path.relative_to(root).as_posix()
        text = path.read_bytes().decode("utf-8")
        expected, python_error = python_tree(text)
        run = subprocess.run([tool, str(path)], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            failures.append(f"{name}: pack_yaml_tree failed: {run.stderr.strip()}")
            continue
        cadence_error = run.stderr.strip() if run.returncode == 1 else None
        if name in NOT_YAML:
            if not (python_error and cadence_error):
                failures.append(f"{name}: should not read as YAML, python3-yaml: {python_error}, cadence: {cadence_error}")
            continue
        if python_error:
            failures.append(f"{name}: cadence reads it, python3-yaml does not: {python_error}")
        elif cadence_error:
            failures.append(f"{name}: python3-yaml reads it, cadence does not:\n{cadence_error}")
        elif json.loads(run.stdout) != expected:
            failures.append(f"{name}: the trees differ\n  cadence: {run.stdout.strip()[:2000]}\n"
                            f"  python:  {json.dumps(expected, ensure_ascii=False)[:2000]}")
        else:
            read += 1
    for failure in failures:
        print(failure)
    print(f"{read} of {len(files)} pack files read alike by cadence and python3-yaml; {len(failures)} differ")
    # The shipped packs themselves must be among the files read.
    if read < 30 or not (root / "rules/bench/pack.yaml").exists():
        print("too few files read: is the repository root right?")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
