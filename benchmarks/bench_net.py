"""Network load: 100 team clients on loopback against a real `drill serve` process.

Targets (issue 6): time from the engine firing an inject to each client receiving
it, p99 under 20 ms; the server's peak memory under 150 MB; a reconnecting client
fully resynced after 500 events in under 1 s.
Run: .venv/bin/python benchmarks/bench_net.py [--clients 100] [--injects 300] [--processes 4]

The clients are spread over a few worker processes: in a room each team has its
own laptop, and one Python process serving a hundred sockets would measure its
own queue more than the server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
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
from drill.store import EventLog  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def worker(url: str, codes_file: Path, teams: list[str], expected: int, timeout: float) -> None:
    """One client process: join, record each inject update's latency, print them as JSON."""
    codes = json.loads(codes_file.read_text(encoding="utf-8"))
    clients = [RemoteTeam(url, team, codes[team]) for team in teams]
    await asyncio.gather(*(client.start() for client in clients))
    latencies: list[float] = []

    def recorder(team: RemoteTeam):
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


async def main(clients: int, injects: int, processes: int) -> None:
    folder = Path(tempfile.mkdtemp())
    # injects begin 10 real seconds in, once every client has joined
    scenario = write_scenario(folder, teams=clients, injects=injects, tasks=1, duration_h=48, spacing=6, first_at=600)
    port, codes_file, session = free_port(), folder / "codes.json", folder / "net.drill"
    server = subprocess.Popen(
        [sys.executable, "-m", "drill", "serve", str(scenario), "--headless", "--start", "--port", str(port),
         "--session", str(session), "--codes-file", str(codes_file)],
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
        for process in workers:
            assert process.stdout.readline().strip() == "joined"
        latencies = [value for process in workers for value in json.loads(process.communicate()[0])]
        memory = peak_memory_mb(server.pid)
        events = len(EventLog(session).events())
        ms = sorted(latencies)
        print(f"{clients} clients in {processes} processes, {len(ms)} updates carrying injects: latency p50 {statistics.median(ms):.1f} ms, "
              f"p99 {ms[int(len(ms) * 0.99) - 1]:.1f} ms, max {ms[-1]:.1f} ms (target p99 < 20 ms)")
        print(f"server peak memory (VmHWM): {memory:.0f} MB (target < 150 MB)")
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
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        url, codes_path, names, expected, timeout = sys.argv[2:7]
        asyncio.run(worker(url, Path(codes_path), names.split(","), int(expected), float(timeout)))
    else:
        parser = argparse.ArgumentParser()
        parser.add_argument("--clients", type=int, default=100)
        parser.add_argument("--injects", type=int, default=300)
        parser.add_argument("--processes", type=int, default=4)
        args = parser.parse_args()
        asyncio.run(main(args.clients, args.injects, args.processes))
