"""Network load: 100 team clients and 5 invited experts on loopback against a real
`drill serve` process.

Targets (issue 6): time from the engine firing an inject to each client receiving
it, p99 under 20 ms; the server's peak memory under 150 MB; a reconnecting client
fully resynced after 500 events in under 1 s. Issue 10 adds the experts' live
review screens (every event reaches each of them too) to the same run, and
measures their delivery alongside.
Run: .venv/bin/python benchmarks/bench_net.py [--clients 100] [--experts 5] [--injects 300] [--processes 4]

The clients are spread over a few worker processes: in a room each team has its
own laptop, and one Python process serving a hundred sockets would measure its
own queue more than the server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_scenario  # noqa: E402

from drill.net.client import RemoteTeam  # noqa: E402
from drill.net.expert_client import RemoteExpert  # noqa: E402
from drill.store import EventLog  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def worker(url: str, codes_file: Path, teams: list[str], expected: int, timeout: float, experts: bool = False) -> None:
    """One client process: join (as teams, or as invited experts), record each fresh
    update's latency, print them as JSON."""
    codes = json.loads(codes_file.read_text(encoding="utf-8"))
    kind = RemoteExpert if experts else RemoteTeam
    clients = [kind(url, name, codes[name]) for name in teams]
    await asyncio.gather(*(client.start() for client in clients))
    latencies: list[float] = []

    def recorder(team):
        seen = [team.last_stamp]

        def record() -> None:
            if team.last_stamp != seen[0]:  # a fresh update, stamped by the server when the event fired
                latencies.append((team.received_at - team.last_stamp) * 1000)
                seen[0] = team.last_stamp
        return record

    for client in clients:
        client.on_change(recorder(client))
    print("joined", flush=True)
    deadline = time.monotonic() + timeout
    while len(latencies) < expected * len(clients) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    await asyncio.gather(*(client.close() for client in clients))
    print(json.dumps(latencies), flush=True)


def percentiles(ms: list[float]) -> str:
    ms = sorted(ms)
    return f"p50 {statistics.median(ms):.1f} ms, p99 {ms[int(len(ms) * 0.99) - 1]:.1f} ms, max {ms[-1]:.1f} ms"


async def main(clients: int, experts: int, injects: int, processes: int) -> None:
    folder = Path(tempfile.mkdtemp())
    # injects begin 10 real seconds in, once every client has joined
    scenario = write_scenario(folder, teams=clients, injects=injects, tasks=1, duration_h=48, spacing=6, first_at=600)
    port, codes_file, session = free_port(), folder / "codes.json", folder / "net.drill"
    experts_file, names = folder / "experts.json", [f"专家{n}" for n in range(experts)]
    server = subprocess.Popen(
        [sys.executable, "-m", "drill", "serve", str(scenario), "--headless", "--start", "--port", str(port),
         "--session", str(session), "--codes-file", str(codes_file), "--expert-codes-file", str(experts_file),
         *(arg for name in names for arg in ("--expert", name))],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        server.stdout.readline()
        url = f"ws://127.0.0.1:{port}"
        timeout = 10 + injects * 0.1 * 1.8 + 30
        teams = [f"t{n}" for n in range(clients)]
        workers = [
            subprocess.Popen(
                [sys.executable, __file__, "--worker", url, str(codes_file), ",".join(teams[k::processes]), str(injects), str(timeout)],
                stdout=subprocess.PIPE, text=True,
            )
            for k in range(processes)
        ]
        if names:  # the experts' screens, in a process of their own (each expert has a laptop)
            workers.append(subprocess.Popen(
                [sys.executable, __file__, "--expert-worker", url, str(experts_file), ",".join(names), str(injects), str(timeout)],
                stdout=subprocess.PIPE, text=True,
            ))
        for process in workers:
            assert process.stdout.readline().strip() == "joined"
        results = [json.loads(process.communicate()[0]) for process in workers]
        latencies = [value for result in results[:processes] for value in result]
        memory, cpu = peak_memory_mb(server.pid), cpu_seconds(server.pid)
        events = len(EventLog(session).events())
        print(f"{clients} team clients in {processes} processes, {len(latencies)} updates carrying injects: "
              f"latency {percentiles(latencies)} (target p99 < 20 ms)")
        if names:
            print(f"{experts} expert clients in 1 process, {len(results[-1])} event frames: latency {percentiles(results[-1])}")
        print(f"server peak memory (VmHWM): {memory:.0f} MB (target < 150 MB); server CPU time for the run: {cpu:.1f} s")
        codes = json.loads(codes_file.read_text(encoding="utf-8"))
        late = RemoteTeam(url, "t0", codes["t0"])
        started = time.perf_counter()
        await late.start()
        took = time.perf_counter() - started
        print(f"reconnecting client resynced after {events} events ({len(late.view().injects)} injects in its view): "
              f"{took * 1000:.0f} ms (target < 1 s)")
        await late.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("--worker", "--expert-worker"):
        url, codes_path, names, expected, timeout = sys.argv[2:7]
        asyncio.run(worker(url, Path(codes_path), names.split(","), int(expected), float(timeout), sys.argv[1] == "--expert-worker"))
    else:
        parser = argparse.ArgumentParser()
        parser.add_argument("--clients", type=int, default=100)
        parser.add_argument("--experts", type=int, default=5)
        parser.add_argument("--injects", type=int, default=300)
        parser.add_argument("--processes", type=int, default=4)
        args = parser.parse_args()
        asyncio.run(main(args.clients, args.experts, args.injects, args.processes))
