#!/usr/bin/env python3
"""Reads .eml files with Python's email parser (policy.default, the strict modern one) and prints,
per file, one JSON object: every defect the parser found in any part, the MIME tree, the decoded
headers, and per leaf part its type, transfer encoding, Content-ID, filename, decoded size and
SHA-256, and its text when it is text. kpireview's tests compare that with what they expect."""
import email
import html5lib
import email.policy
import hashlib
import json
import sys


def tree(part):
    if part.is_multipart():
        return {"type": part.get_content_type(), "parts": [tree(p) for p in part.iter_parts()]}
    return part.get_content_type()


def leaves(msg):
    out = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        leaf = {
            "type": part.get_content_type(),
            "encoding": part.get("Content-Transfer-Encoding"),
            "disposition": part.get_content_disposition(),
            "filename": part.get_filename(),
            "content_id": part.get("Content-ID"),
            "bytes": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
        if part.get_content_maintype() == "text" and part.get_content_disposition() != "attachment":
            leaf["text"] = part.get_content()
            if part.get_content_type() == "text/html":
                # An HTML5 parser's list of parse errors (html5lib, as browsers parse).
                parser = html5lib.HTMLParser(strict=False)
                parser.parse(leaf["text"])
                leaf["html_errors"] = [f"{pos}: {code} {data}" for pos, code, data in parser.errors]
        out.append(leaf)
    return out


def check(path):
    raw = open(path, "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = []
    for part in msg.walk():
        defects += [type(d).__name__ + ": " + str(d) for d in part.defects]
        for name, value in part.items():
            defects += [f"{name}: " + type(d).__name__ + ": " + str(d) for d in getattr(value, "defects", ())]
    lines = raw.split(b"\r\n")
    return {
        "file": path,
        "defects": defects,
        "bare_lf": raw.replace(b"\r\n", b"").count(b"\n"),
        "bare_cr": raw.replace(b"\r\n", b"").count(b"\r"),
        "longest_line": max(len(l) for l in lines),
        "non_ascii_bytes": sum(1 for b in raw if b > 127),
        "tree": tree(msg),
        "headers": {k: str(v) for k, v in msg.items()},
        "addresses": {k: [[a.display_name, a.addr_spec] for a in msg[k].addresses] for k in ("From", "To", "Cc", "Reply-To") if msg[k]},
        "leaves": leaves(msg),
    }


print(json.dumps([check(p) for p in sys.argv[1:]], ensure_ascii=False, indent=1))
