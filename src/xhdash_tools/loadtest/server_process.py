"""CPU time and memory of the dashboard's server processes, read from /proc (Linux)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

PROC = Path("/proc")
LISTEN_STATE = "0A"
SAMPLE_SECONDS = 0.5


def listening_inodes(port: int) -> set[str]:
    """Socket inodes listening on `port` (IPv4 and IPv6)."""
    inodes = set()
    for table in ("tcp", "tcp6"):
        path = PROC / "net" / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == LISTEN_STATE and int(local.rsplit(":", 1)[1], 16) == port:
                inodes.add(inode)
    return inodes


def find_listening_pid(port: int) -> int | None:
    """The process that listens on `port`, found through its open sockets."""
    wanted = {f"socket:[{inode}]" for inode in listening_inodes(port)}
    if not wanted:
        return None
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) in wanted:
                    return int(entry.name)
        except OSError:  # gone, or not ours to read
            continue
    return None


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of the processes (all their threads), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the processes, summed, in MB."""
    total_kb = 0
    for pid in pids:
        try:
            status = (PROC / str(pid) / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


async def sample_peak_rss(pids: list[int], stop: asyncio.Event) -> float:
    """The highest summed RSS seen until `stop` is set, sampled twice a second."""
    peak = rss_mb(pids)
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), SAMPLE_SECONDS)
        except TimeoutError:
            pass
        peak = max(peak, rss_mb(pids))
    return peak
