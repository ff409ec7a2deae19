"""Time a failed sign-in for a known name, an unknown name and a locked name (not a test).

    .venv/bin/python scripts/measure_sign_in_timing.py [ROUNDS]

Rounds alternate known, unknown and locked so all three meet the same machine; prints medians
and ranges in milliseconds. The locked name is refused by the throttle without hashing.
"""

from __future__ import annotations

import secrets
import statistics
import sys
import time

from xhdash.editors.auth import (
    LOCKOUT_FAILURES,
    LoginThrottle,
    check_editor,
    hash_password,
    sign_in,
    throttle_name_key,
)


def measure(rounds: int) -> dict[str, list[float]]:
    editors = {"wang": hash_password("correct horse battery")}
    check_editor("nobody", "warm-up", editors)  # the dummy hash, made once per process
    throttle = LoginThrottle(clock=lambda: 0.0)  # one throttle, as on a server; frozen clock
    for attempt in range(LOCKOUT_FAILURES):  # locked for good on the frozen clock
        throttle.admit(throttle_name_key("locked-name", None), f"attacker-{attempt}")
    known_key = throttle_name_key("wang", editors["wang"])

    def known_sign_in() -> None:
        assert not sign_in(throttle, "wang", "wrong password", "k", editors).refused
        throttle.succeed(known_key, "k")  # no delays build up over the rounds

    calls = {
        "known name": lambda: check_editor("wang", "wrong password", editors),
        "unknown name": lambda: check_editor("li", "wrong password", editors),
        "known name, sign_in": known_sign_in,
        "unknown name, sign_in": lambda: sign_in(throttle, f"li{secrets.token_hex(4)}",
                                                 "wrong password", secrets.token_hex(8), editors),
        "locked name, sign_in (refused)": lambda: sign_in(throttle, "locked-name",
                                                          "correct horse battery", "s", editors),
    }
    times: dict[str, list[float]] = {label: [] for label in calls}
    for _ in range(rounds):
        for label, call in calls.items():
            started = time.perf_counter()
            call()
            times[label].append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    for label, values in measure(rounds).items():
        print(f"{label:<32} median {statistics.median(values):7.1f} ms   "
              f"min {min(values):7.1f}   max {max(values):7.1f}   (n={len(values)})")


if __name__ == "__main__":
    main()
