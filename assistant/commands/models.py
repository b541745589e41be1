"""``assistant models list | flash BUNDLE | rollback [COMPONENT]``: the device's model store.

The same checks as ``python -m quantize flash`` (that is the developer's entry point; this one is
for a device that has only the runtime installed, ``pip install .[device]``).
"""

from __future__ import annotations

import json
from pathlib import Path


def cmd_models(args) -> int:
    from ..flash import flash, notify_reload
    from ..store import Store, components, default_root

    root = Path(args.store) if getattr(args, "store", None) else default_root()
    if args.action == "flash":
        res = flash(args.bundle, root, args.trusted_keys, args.target, smoke=not args.no_smoke)
        reload = f"; told pid {res['reloaded']} to reload" if res["reloaded"] else ""
        print(f"flashed {res['name']} {res['version']} into {res['component']} slot {res['slot']}{reload}")
        return 0
    if args.action == "rollback":
        slot = Store(root, args.component).rollback()
        pid = notify_reload(root)
        print(f"{args.component}: slot {slot} active again" + (f"; told pid {pid} to reload" if pid else ""))
        return 0
    rows = [{"component": c, "slot": s.slot, "active": s.active, "previous": s.previous, "name": s.name,
             "version": s.version, "complete": s.complete}
            for c in components(root) for s in Store(root, c).list()]
    if getattr(args, "json", False):
        for r in rows:
            print(json.dumps(r))
    elif not rows:
        print(f"{root}: no models installed (the shipped defaults serve)")
    for r in rows if not getattr(args, "json", False) else []:
        mark = "*" if r["active"] else ("p" if r["previous"] else " ")
        print(f"{mark} {r['component']:<12} {r['slot']}  {r['name']} {r['version']}"
              + ("" if r["complete"] else "  (incomplete)"))
    return 0
