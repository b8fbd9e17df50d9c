import datetime as dt

import pytest

from dxsim.timefmt import go_duration, parse_go_duration, parse_rfc3339, rfc3339


def test_durations_are_sent_as_go_durations():
    assert go_duration("1h30m") == "1h30m"
    assert go_duration(dt.timedelta(minutes=2, microseconds=5)) == "120000005us"
    assert go_duration(90) == "90000000us"
    assert go_duration(0.25) == "250000us"
    with pytest.raises(TypeError):
        go_duration(True)
    with pytest.raises(TypeError):
        go_duration([1])


def test_go_durations_parse():
    assert parse_go_duration("10s") == dt.timedelta(seconds=10)
    assert parse_go_duration("1h2m3.5s") == dt.timedelta(hours=1, minutes=2, seconds=3.5)
    assert parse_go_duration("250ms") == dt.timedelta(milliseconds=250)
    assert parse_go_duration("-2h") == dt.timedelta(hours=-2)
    assert parse_go_duration("0") == dt.timedelta(0)
    for bad in ("", "10", "s", "10x", "1h 2m"):
        with pytest.raises(ValueError):
            parse_go_duration(bad)


def test_times_are_rfc3339_in_utc():
    assert rfc3339(dt.datetime(2027, 1, 2, 3, 4, 5)) == "2027-01-02T03:04:05Z"
    plus2 = dt.timezone(dt.timedelta(hours=2))
    assert rfc3339(dt.datetime(2027, 1, 2, 5, 4, 5, 123, tzinfo=plus2)) == "2027-01-02T03:04:05.000123Z"
    assert rfc3339("2027-01-01T00:00:00Z") == "2027-01-01T00:00:00Z"


def test_times_parse_with_nanoseconds():
    t = parse_rfc3339("2026-11-22T08:09:26.251058698Z")
    assert t == dt.datetime(2026, 11, 22, 8, 9, 26, 251058, tzinfo=dt.timezone.utc)
    assert parse_rfc3339("2026-01-01T01:00:00+01:00") == dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    with pytest.raises(ValueError):
        parse_rfc3339("yesterday")
