import pytest
from pydantic import BaseModel, ValidationError

from archwright.model.units import Count, Fraction, Gigabytes, Milliseconds, Minutes, Percent


class Q(BaseModel):
    ms: Milliseconds | None = None
    minutes: Minutes | None = None
    gb: Gigabytes | None = None
    frac: Fraction | None = None
    pct: Percent | None = None
    count: Count | None = None


@pytest.mark.parametrize(
    ("field", "raw", "expected"),
    [
        ("ms", "2s", 2000.0),
        ("ms", "250ms", 250.0),
        ("ms", "1.5 min", 90000.0),
        ("ms", 30, 30.0),
        ("minutes", "1h", 60.0),
        ("minutes", "90s", 1.5),
        ("gb", "10TB", 10000.0),
        ("gb", "512 MB", 0.512),
        ("gb", "1GiB", 1.073741824),
        ("frac", "99.9%", 0.999),
        ("frac", 0.5, 0.5),
        ("pct", "99.95%", 99.95),
        ("count", "5M", 5_000_000.0),
        ("count", "2,000", 2000.0),
        ("count", "100K", 100_000.0),
    ],
)
def test_quantities_convert_to_the_field_unit(field: str, raw: object, expected: float) -> None:
    assert getattr(Q.model_validate({field: raw}), field) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("field", "raw", "needle"),
    [
        ("ms", "5 parsecs", "unknown time unit 'parsecs'"),
        ("gb", "3 furlongs", "unknown size unit 'furlongs'"),
        ("ms", "fast", "expected a number"),
        ("frac", "150%", "less than or equal to 1"),
        ("ms", "-3s", "greater than or equal to 0"),
        ("count", "5X", "unknown multiplier 'X'"),
    ],
)
def test_bad_units_are_named(field: str, raw: object, needle: str) -> None:
    with pytest.raises(ValidationError) as err:
        Q.model_validate({field: raw})
    assert needle in str(err.value)
