"""toml-test's tagged JSON: conversion from Python values and a semantic comparison.

Shared by toml_suite.py (against the suite's expected JSON) and toml_diff.py
(against tomllib). Values compare as toml-test says: integers and floats as
numbers (nan equals nan, the sign of zero counts), date-times after
normalising the separator, the case of T and Z, "Z" versus "+00:00", and the
fraction (trailing zeros dropped, truncated to `frac_digits`).
"""
import datetime
import math
import re


def from_python(value):
    """Tagged JSON of a tomllib value."""
    if isinstance(value, dict):
        return {k: from_python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_python(v) for v in value]
    if isinstance(value, bool):
        return {"type": "bool", "value": "true" if value else "false"}
    if isinstance(value, int):
        return {"type": "integer", "value": str(value)}
    if isinstance(value, float):
        if math.isnan(value):
            text = "nan"
        elif math.isinf(value):
            text = "inf" if value > 0 else "-inf"
        else:
            text = repr(value)
        return {"type": "float", "value": text}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, datetime.datetime):
        kind = "datetime" if value.tzinfo is not None else "datetime-local"
        return {"type": kind, "value": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"type": "date-local", "value": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"type": "time-local", "value": value.isoformat()}
    raise TypeError(f"unexpected {type(value).__name__}")


def _is_scalar(v):
    return isinstance(v, dict) and set(v) == {"type", "value"} and isinstance(v["type"], str)


def _norm_datetime(text, frac_digits):
    text = text.upper()
    if len(text) > 10 and text[4:5] == "-" and text[10] == " ":
        text = text[:10] + "T" + text[11:]
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    if text.endswith("-00:00"):
        text = text[:-6] + "+00:00"
    offset = ""
    m = re.search(r"[+-]\d\d:\d\d$", text)
    if m and "T" in text:
        offset = m.group(0)
        text = text[:m.start()]
    if "." in text:
        body, frac = text.split(".", 1)
        frac = frac[:frac_digits].rstrip("0")
        text = body + ("." + frac if frac else "")
    return text + offset


def _float(text):
    t = text.lower()
    if t in ("nan", "+nan", "-nan"):
        return math.nan
    if t in ("inf", "+inf"):
        return math.inf
    if t == "-inf":
        return -math.inf
    return float(text)


def _scalar_equal(a, b, frac_digits):
    if a["type"] != b["type"]:
        return False
    ta, tb = a["value"], b["value"]
    kind = a["type"]
    if kind == "integer":
        return int(ta) == int(tb)
    if kind == "float":
        fa, fb = _float(ta), _float(tb)
        if math.isnan(fa) or math.isnan(fb):
            return math.isnan(fa) and math.isnan(fb)
        return fa == fb and math.copysign(1, fa) == math.copysign(1, fb)
    if kind in ("datetime", "datetime-local", "date-local", "time-local"):
        return _norm_datetime(ta, frac_digits) == _norm_datetime(tb, frac_digits)
    return ta == tb


def difference(got, want, frac_digits=9, path="$"):
    """None when equal, else a one-line description of the first difference."""
    if _is_scalar(want) or _is_scalar(got):
        if not (_is_scalar(want) and _is_scalar(got)):
            return f"{path}: got {got!r}, want {want!r}"
        if not _scalar_equal(got, want, frac_digits):
            return f"{path}: got {got!r}, want {want!r}"
        return None
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"{path}: got {type(got).__name__}, want a table"
        if set(got) != set(want):
            return f"{path}: keys {sorted(got)!r}, want {sorted(want)!r}"
        for k in want:
            d = difference(got[k], want[k], frac_digits, f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(want, list):
        if not isinstance(got, list):
            return f"{path}: got {type(got).__name__}, want an array"
        if len(got) != len(want):
            return f"{path}: {len(got)} items, want {len(want)}"
        for i, (g, w) in enumerate(zip(got, want)):
            d = difference(g, w, frac_digits, f"{path}[{i}]")
            if d:
                return d
        return None
    return f"{path}: unexpected {want!r}"
