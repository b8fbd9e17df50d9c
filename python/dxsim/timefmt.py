"""Times and durations as the admin API writes and reads them: RFC 3339
times (with nanoseconds) and Go durations ("90s", "1h30m", "250ms")."""

import datetime as _dt
import re

_UNITS_US = {"ns": 0.001, "us": 1, "\u00b5s": 1, "\u03bcs": 1, "ms": 1000, "s": 10**6, "m": 60 * 10**6, "h": 3600 * 10**6}
_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)")
_RFC3339 = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$")


def go_duration(d):
    """Return d as a Go duration string. d is a timedelta, a number of
    seconds, or a string, which is sent as it is ("30s", "1h30m")."""
    if isinstance(d, str):
        return d
    if isinstance(d, bool):
        raise TypeError("a duration is a timedelta, a number of seconds or a Go duration string, not a bool")
    if isinstance(d, (int, float)):
        d = _dt.timedelta(seconds=d)
    if not isinstance(d, _dt.timedelta):
        raise TypeError("a duration is a timedelta, a number of seconds or a Go duration string such as '90s', got %r" % (d,))
    us = (d.days * 86400 + d.seconds) * 10**6 + d.microseconds
    return "%dus" % us


def parse_go_duration(s):
    """Parse a Go duration string ("10s", "1m30s", "-2h") into a timedelta."""
    text = s.strip()
    sign = 1
    if text and text[0] in "+-":
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    if text == "0":
        return _dt.timedelta(0)
    pos, us = 0, 0.0
    while pos < len(text):
        m = _PART.match(text, pos)
        if not m:
            raise ValueError("%r is not a Go duration such as 90s or 1h30m" % s)
        us += float(m.group(1)) * _UNITS_US[m.group(2)]
        pos = m.end()
    if not text:
        raise ValueError("%r is not a Go duration such as 90s or 1h30m" % s)
    return sign * _dt.timedelta(microseconds=round(us))


def rfc3339(t):
    """Return t as an RFC 3339 string in UTC. A naive datetime is taken as
    UTC; a string is sent as it is."""
    if isinstance(t, str):
        return t
    if not isinstance(t, _dt.datetime):
        raise TypeError("a time is a datetime or an RFC 3339 string, got %r" % (t,))
    if t.tzinfo is not None:
        t = t.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return t.isoformat() + "Z"


def parse_rfc3339(s):
    """Parse an RFC 3339 time as dxsim writes it (nanoseconds are cut to
    microseconds) into an aware datetime."""
    m = _RFC3339.match(s)
    if not m:
        raise ValueError("%r is not an RFC 3339 time" % s)
    base, frac, zone = m.groups()
    t = _dt.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S")
    if frac:
        t = t.replace(microsecond=int(frac[:6].ljust(6, "0")))
    if zone == "Z":
        tz = _dt.timezone.utc
    else:
        sign = -1 if zone[0] == "-" else 1
        tz = _dt.timezone(sign * _dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return t.replace(tzinfo=tz)
