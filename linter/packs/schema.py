"""The rule-pack format as a cerberus schema (see docs/rule-authoring.md).

A pack is data only: metadata, named word lists and tables, the indicator
framework, rules and overrides. Nothing in it is ever executed.
"""
from __future__ import annotations

from linter.model.findings import SEVERITIES
from linter.model.schema import KINDS

MAX_TEXT = 4000  # a message or list entry longer than this is a mistake, not a rule

_LOCAL = {"type": "dict", "schema": {
    "zh": {"type": "string", "required": True, "maxlength": MAX_TEXT},
    "en": {"type": "string", "required": True, "maxlength": MAX_TEXT},
}}
_LOCAL_REQ = dict(_LOCAL, required=True)
_STR_LIST = {"type": "list", "schema": {"type": "string", "maxlength": 200}}
# A fix the rule declares as data (docs/rule-authoring.md): a fixed vocabulary
# of edits on the field the finding points at, filled from the finding's
# variables. `new` may be "" only for `replace` (strip `old`).
AUTOFIX = {"type": "dict", "schema": {
    "op": {"type": "string", "required": True, "allowed": ["replace", "set", "append"]},
    "old": {"type": "string", "maxlength": 200},
    "new": {"type": "string", "required": True, "maxlength": 200},
    "safety": {"type": "string", "allowed": ["safe", "unsafe"]},
}}

SELECT = {
    "kind": {"type": "list", "schema": {"type": "string", "allowed": list(KINDS)}},
    "template": {"type": "list", "schema": {"type": "string", "allowed": ["two-level", "one-level"]}},
    "level1": _STR_LIST,
    "level2": _STR_LIST,
    "name_contains": _STR_LIST,
    "name_lacks": _STR_LIST,
    "include": {"type": "list", "schema": {"type": "string", "allowed": ["rubric"]}},
}

RULE = {
    "code": {"type": "string", "required": True},
    "slug": {"type": "string", "required": True},
    "severity": {"type": "string", "required": True, "allowed": list(SEVERITIES)},
    # certain: arithmetic and structure; likely: a judgment of meaning (a
    # classification, a coarse output), whose message says why it thinks so
    "confidence": {"type": "string", "allowed": ["certain", "likely"]},
    "title": _LOCAL_REQ,
    "check": {"type": "string", "required": True},
    "params": {"type": "dict"},
    "select": {"type": "dict", "schema": SELECT},
    "message": _LOCAL_REQ,
    "fix": _LOCAL,
    "why": _LOCAL_REQ,
    "basis": {"type": "string", "required": True, "maxlength": MAX_TEXT},
    "autofix": AUTOFIX,
    "variants": {"type": "dict", "keysrules": {"type": "string"},
                 "valuesrules": {"type": "dict", "schema": {"message": _LOCAL_REQ, "fix": _LOCAL,
                                                            "autofix": AUTOFIX,
                                                            # a variant may only be milder than its rule
                                                            "severity": {"type": "string",
                                                                         "allowed": list(SEVERITIES)}}}},
    "examples": {"type": "dict", "required": True, "schema": {
        "bad": {"type": "string", "required": True, "maxlength": 20000},
        "good": {"type": "string", "required": True, "maxlength": 20000},
    }},
}

OVERRIDE = {
    "code": {"type": "string", "required": True},
    "severity": {"type": "string", "allowed": list(SEVERITIES)},
    "params": {"type": "dict"},
}

PACK = {
    "pack": {"type": "dict", "required": True, "schema": {
        "name": {"type": "string", "required": True},
        "title": _LOCAL_REQ,
        "version": {"type": "string", "required": True},
        "extends": _STR_LIST,
        "description": _LOCAL,
    }},
    # when the pack applies by itself (linter/policy/applies.py)
    "applies": {"type": "dict", "schema": {
        "region": _STR_LIST,
        "subject": _STR_LIST,
        "kind": {"type": "list", "schema": {"type": "string", "allowed": list(KINDS)}},
        "years": {"type": "list", "minlength": 2, "maxlength": 2, "schema": {"type": "integer"}},
    }},
    "lists": {"type": "dict", "keysrules": {"type": "string"},
              "valuesrules": {"type": "list", "schema": {"type": "string", "maxlength": 200}}},
    "tables": {"type": "dict", "keysrules": {"type": "string"},
               "valuesrules": {"type": "list", "schema": {"type": "dict"}}},
    "framework": {"type": "dict", "schema": {
        "tree": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": _STR_LIST},
        "aliases": {"type": "dict", "keysrules": {"type": "string"},
                    "valuesrules": {"type": "string"}},
        "rubric": _STR_LIST,
        "local": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": {"type": "string"}},
        "one-level": _STR_LIST,
    }},
    "rules": {"type": "list", "schema": {"type": "dict", "schema": RULE}},
    "overrides": {"type": "list", "schema": {"type": "dict", "schema": OVERRIDE}},
}
