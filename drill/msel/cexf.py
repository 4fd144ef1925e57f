"""A scenario as MISP's Common Exercise Format (CEXF), the JSON SkillAegis and other
CEXF tools read: `exercise`, `inject_flow`, `inject_payloads` and `injects`.

Timed injects go in time order with `timing.triggered_at` in seconds after the start
(`startex` for the first moment); conditional ones follow, triggered by hand, with
the condition in their description (CEXF has no words for drill's conditions).
Each inject's text is a payload (`type: text`); the UUIDs are derived from the
scenario's and the inject's ids, so the same scenario gives the same file, and
`drill msel import` reads it back to the same times, titles, bodies and channels.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from ..formats.scenario import Scenario
from .write import ordered

_NAMESPACE = uuid.UUID("0b6f1a4e-7d0c-4f57-9d43-5d1d7b0c2e11")   # drill's, for the UUIDs it derives


def export_cexf(scenario: Scenario, out: Path) -> Path:
    """Write `scenario` to `out` as a CEXF exercise (JSON, UTF-8). Returns the path written."""
    out = Path(out)
    flow, payloads, injects = [], [], []
    for inject in ordered(scenario):
        inject_uuid = str(uuid.uuid5(_NAMESPACE, f"{scenario.id}/inject/{inject.id}"))
        payload_uuid = str(uuid.uuid5(_NAMESPACE, f"{scenario.id}/payload/{inject.id}"))
        timed = inject.at is not None
        flow.append({
            "description": inject.title if timed else f"{inject.title} (when: {json.dumps(inject.when.model_dump(exclude_none=True))})",
            "inject_uuid": inject_uuid,
            "reporting_callback": [],
            "requirements": {},
            "sequence": {"completion_trigger": ["time_expiration", "completion"], "followed_by": [],
                         "trigger": ["startex"] if timed and inject.at == 0 else []},
            "timing": {"triggered_at": inject.at if timed else None},
        })
        payloads.append({"name": inject.id, "parameters": {"content": inject.body, "content-type": "text", "from": inject.from_ or "",
                                                          "to": inject.to if inject.to is not None else "all", "channel": inject.channel},
                         "type": "text", "uuid": payload_uuid})
        injects.append({"action": inject.channel, "action_payload_resource_uuid": payload_uuid, "inject_evaluation": [],
                        "name": inject.title, "target_tool": "drill", "uuid": inject_uuid})
    exercise = {
        "description": scenario.summary, "expanded": scenario.summary, "meta": {"author": "drill", "language": scenario.language},
        "name": scenario.title, "namespace": "drill", "tags": [f"drill:scenario=\"{scenario.id}\""],
        "total_duration": str(scenario.clock.duration), "uuid": str(uuid.uuid5(_NAMESPACE, scenario.id)), "version": "1",
    }
    document = {"exercise": exercise, "inject_flow": flow, "inject_payloads": payloads, "injects": injects}
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out
