"""Consistency checks: sums of parts, figures across sources, counts against dimensions."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.core import Derived, Input, number_text

RELATIONS = {"eq": "=", "le": "≤"}


@dataclass(frozen=True)
class CheckResult:
    check_id: str
    name_zh: str
    name_en: str
    passed: bool
    worked: str
    inputs: tuple[Input, ...]
    tolerance: float = 0.0


def check_sum_of_parts(check_id: str, name_zh: str, name_en: str, parts: list[Input],
                       total: Input, relation: str = "eq") -> CheckResult:
    """Parts add up to (eq) or do not exceed (le) the total, within rounding of the inputs."""
    part_sum = sum(p.value for p in parts)
    tolerance = sum(p.half_unit for p in parts) + total.half_unit
    if relation == "eq":
        passed = abs(part_sum - total.value) <= tolerance + 1e-9
    else:
        passed = part_sum <= total.value + tolerance + 1e-9
    part_text = " + ".join(number_text(p.value, p.decimals) for p in parts)
    return CheckResult(
        check_id, name_zh, name_en, passed,
        f"{part_text} = {number_text(part_sum, max((p.decimals or 0) for p in parts))} "
        f"{RELATIONS[relation]} {number_text(total.value, total.decimals)}",
        tuple(parts) + (total,), tolerance,
    )


def check_cross_source(check_id: str, name_zh: str, name_en: str, derived: Derived,
                       reported: Input) -> CheckResult:
    """A figure derived from one source agrees with another source's figure within rounding."""
    tolerance = derived.tolerance + reported.half_unit
    difference = derived.value - reported.value
    passed = abs(difference) <= tolerance + 1e-9
    return CheckResult(
        check_id, name_zh, name_en, passed,
        f"{derived.worked}；{reported.source_id}: {number_text(reported.value, reported.decimals)}"
        f"；Δ = {number_text(difference, 3)}（±{number_text(tolerance, 3)}）",
        derived.inputs + (reported,), tolerance,
    )


def check_count_matches(check_id: str, name_zh: str, name_en: str, stated: Input,
                        members: list[str]) -> CheckResult:
    """A stated count equals the number of members a dimension table lists."""
    passed = int(stated.value) == len(members) and stated.value == int(stated.value)
    return CheckResult(
        check_id, name_zh, name_en, passed,
        f"{number_text(stated.value, 0)} = {len(members)}（{'、'.join(members)}）",
        (stated,),
    )
