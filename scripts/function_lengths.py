#!/usr/bin/env python3
"""Lines per function in C++ sources, longest first (a brace-counting
estimate: comments, strings and character literals are skipped; a body is a
brace opened at namespace or class level after a parenthesis).

Usage: function_lengths.py [--top N] [--over N] FILE_OR_DIR...
"""
import argparse, os, re, sys

def strip(text):
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i); j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2); j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not (text[i-1].isalnum() or text[i-1] == '_')):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i-1].isalnum():  # digit separator 1'000
                out.append(" "); i += 1; continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(re.sub(r"[^\n]", " ", text[i:j+1])); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)

def functions(path):
    text = strip(open(path, encoding="utf-8").read())
    stack = []  # per open brace: "function", "scope" (namespace/class) or "block"
    head_start = 0  # where the text before the next brace starts
    result = []
    line_of = lambda pos: text.count("\n", 0, pos) + 1
    for pos, c in enumerate(text):
        if c == "{":
            head = text[head_start:pos]
            inside_function = any(kind == "function" for kind, _, _ in stack)
            if inside_function:
                stack.append(("block", pos, None))
            elif "(" in head and not re.search(r"\b(namespace|class|struct|union|enum)\b[^(]*$", head) and not head.rstrip().endswith("="):
                # signature starts at the first non-blank of the head
                stripped = head.lstrip()
                start = pos - len(head) + (len(head) - len(stripped))
                name = re.findall(r"([~\w:<>]+)\s*\(", head)
                stack.append(("function", start, name[0] if name else "?"))
            else:
                stack.append(("scope", pos, None))
            head_start = pos + 1
        elif c == "}":
            if stack:
                kind, start, name = stack.pop()
                if kind == "function":
                    result.append((line_of(pos) - line_of(start) + 1, path, line_of(start), name))
            head_start = pos + 1
        elif c == ";":
            if not any(kind == "function" for kind, _, _ in stack):
                head_start = pos + 1
    return result

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--over", type=int, default=None)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    files = []
    for p in args.paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, f) for f in names if f.endswith((".cpp", ".h", ".cc"))]
        else:
            files.append(p)
    found = sorted((f for path in sorted(files) for f in functions(path)), reverse=True)
    if args.over is not None:
        found = [f for f in found if f[0] > args.over]
    else:
        found = found[:args.top]
    for lines, path, line, name in found:
        print(f"{lines:5d}  {path}:{line}  {name}")

if __name__ == "__main__":
    main()
