"""A live drill in a separate process, killed by tests/test_crash.py mid-run.

It prints `ACK team task` only after `Session.submit` has returned, that is,
after the submission is acknowledged; the test then checks every one survived.
"""

import sys
from pathlib import Path

from drill.engine import Clock
from drill.formats import Loader
from drill.sessions import create, open_session


def main(scenario: str, session_path: str) -> None:
    path = Path(session_path)
    if path.exists():
        session = open_session(path, Clock(3600))
    else:
        session = create(Loader().load_exercise(scenario), path, Clock(3600))
    session.start()
    for team in session.scenario.teams:
        for task in ("assess", "plan"):
            if session.state.work[(team.id, task)].submitted_at is not None:
                continue
            for n in range(3):
                session.save_draft(team.id, task, f"draft {n} by {team.id}: 大米已封存" * 20)
            session.submit(team.id, task, f"final answer of {team.id} for {task}: 涉事大米已封存，未供应。")
            print(f"ACK {team.id} {task}", flush=True)
    print("DONE", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
