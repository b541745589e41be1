"""``python -m quantize keygen | bundle | flash | rollback | list``: signed model bundles and the
device's A/B model store (format and checks: ``assistant/bundle.py``; slots: ``assistant/store.py``).

    python -m quantize keygen keys/dev                      # keys/dev.key (private), keys/dev.pub
    python -m quantize bundle models/whisper-onnx --key keys/dev.key --out asr.bundle
    python -m quantize flash asr.bundle --store STATE/models --trusted-keys DIR
    python -m quantize rollback asr --store STATE/models
    python -m quantize list --store STATE/models

``bundle`` refuses a model whose evaluated loss against its fp32 source (``metrics.evaluate.loss``
in its card, written by ``evaluate --reference DIR --write-card``) exceeds ``--max-loss``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant import __version__, cards
from assistant.errors import BundleError, UsageError

DEFAULT_MAX_LOSS = 0.01  # one WER point (or accuracy point) against the fp32 source


def _loss(card: dict) -> float | None:
    m = card.get("metrics") or {}
    for src in (m.get("evaluate") or {}, m):
        if isinstance(src, dict) and isinstance(src.get("loss"), (int, float)):
            return float(src["loss"])
    return None


def add_parser(sub) -> None:
    p = sub.add_parser("keygen", help="new ed25519 signing key pair",
                       description="Write PREFIX.key (private, mode 600) and PREFIX.pub (copy it into "
                                   "a device's trusted-keys folder).")
    p.add_argument("prefix", help="path prefix, e.g. keys/dev")
    p.set_defaults(func=run_keygen)

    p = sub.add_parser("bundle", help="sign a model folder into a versioned bundle",
                       description="Pack a model folder (its card.json lists the files) into a "
                                   "signed bundle. Refuses a model whose evaluated loss against its "
                                   "fp32 source exceeds --max-loss.")
    p.add_argument("model", help="model folder with card.json")
    p.add_argument("--key", required=True, help="private key (from keygen)")
    p.add_argument("--out", help="bundle file (default: NAME-VERSION.bundle)")
    p.add_argument("--component", help="store component: asr, nlu, recommender (default: card's kind)")
    p.add_argument("--name", help="default: the card's name")
    p.add_argument("--version", dest="bundle_version", help="default: the card's creation time")
    p.add_argument("--target", help="cpu-x86, arm64, cuda or any (default: the card's target)")
    p.add_argument("--runtime-min", default=__version__, help="oldest assistant version it works with")
    p.add_argument("--runtime-max", default=None, help="newest (default: same major.minor .999)")
    p.add_argument("--max-loss", type=float, default=DEFAULT_MAX_LOSS,
                   help=f"largest allowed loss vs the fp32 source (default {DEFAULT_MAX_LOSS})")
    p.add_argument("--allow-unevaluated", action="store_true",
                   help="bundle even when the card records no evaluated loss")
    p.set_defaults(func=run_bundle)

    p = sub.add_parser("flash", help="verify a bundle and install it into the device store",
                       description="Verify signature (trusted keys), every hash, target and runtime "
                                   "range; smoke-test the model with the runtime; install it into the "
                                   "inactive slot; switch atomically; SIGHUP a running assistant.")
    p.add_argument("bundle")
    _store_opts(p)
    p.add_argument("--trusted-keys", metavar="DIR", help="folder of *.pub (default: STATE/trusted_keys)")
    p.add_argument("--target", help="this device's target (default: from the CPU)")
    p.add_argument("--no-smoke", action="store_true", help="skip the runtime smoke test")
    p.set_defaults(func=run_flash)

    p = sub.add_parser("rollback", help="switch a component back to its previous model")
    p.add_argument("component", nargs="?", default="asr")
    _store_opts(p)
    p.set_defaults(func=run_rollback)

    p = sub.add_parser("list", help="list the device store's slots")
    _store_opts(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_list)


def _store_opts(p) -> None:
    p.add_argument("--store", metavar="DIR", help="model store (default: STATE/models)")


def run_keygen(args) -> int:
    from assistant.bundle import generate_key

    prefix = Path(args.prefix)
    priv, pub = prefix.with_name(prefix.name + ".key"), prefix.with_name(prefix.name + ".pub")
    if priv.exists():
        raise UsageError(f"{priv} exists; not overwriting a key")
    prefix.parent.mkdir(parents=True, exist_ok=True)
    kid = generate_key(priv, pub)
    print(f"key {kid}: private {priv}, public {pub}")
    return 0


def run_bundle(args) -> int:
    from assistant.bundle import write_bundle

    model = Path(args.model)
    card = cards.verify(model)
    loss = _loss(card)
    if loss is None and not args.allow_unevaluated:
        raise BundleError(f"{model}: its card records no evaluated loss against the fp32 source; run "
                          "`python -m quantize evaluate MODEL --reference FP32 --write-card` first")
    if loss is not None and loss > args.max_loss:
        raise BundleError(f"{model}: loss {loss:.4f} against its fp32 source exceeds {args.max_loss}; refused")
    name = args.name or card.get("name") or model.name
    version = args.bundle_version or card.get("created", "0").replace(":", "").replace("+0000", "")
    target = args.target or card.get("target") or "any"
    component = args.component or card.get("kind") or "asr"
    major_minor = ".".join(__version__.split(".")[:2])
    runtime = {"min": args.runtime_min, "max": args.runtime_max or f"{major_minor}.999"}
    out = Path(args.out or f"{name}-{version}.bundle")
    files = sorted(card["files"])
    meta = {k: v for k, v in card.items() if k != "files"}
    from tqdm import tqdm

    with tqdm(total=1, desc="bundle", disable=not sys.stderr.isatty()) as bar:
        manifest = write_bundle(out, model, files, {
            "component": component, "name": name, "version": str(version), "target": target,
            "runtime": runtime, "created": cards.now_iso(), "card": meta}, Path(args.key))
        bar.update()
    size = out.stat().st_size / 1e6
    print(f"{out}: {component} {name} {manifest['version']} for {target}, {len(files)} files, {size:.1f} MB, signed")
    return 0


def run_flash(args) -> int:
    from assistant.flash import flash

    res = flash(args.bundle, args.store, args.trusted_keys, args.target, smoke=not args.no_smoke)
    reload = f"; told pid {res['reloaded']} to reload" if res["reloaded"] else ""
    print(f"flashed {res['name']} {res['version']} into {res['component']} slot {res['slot']}{reload}")
    return 0


def run_rollback(args) -> int:
    from assistant.flash import notify_reload
    from assistant.store import Store, default_root

    root = Path(args.store) if args.store else default_root()
    slot = Store(root, args.component).rollback()
    pid = notify_reload(root)
    print(f"{args.component}: slot {slot} active again" + (f"; told pid {pid} to reload" if pid else ""))
    return 0


def run_list(args) -> int:
    from assistant.store import Store, components, default_root

    root = Path(args.store) if args.store else default_root()
    rows = []
    for comp in components(root):
        for s in Store(root, comp).list():
            rows.append({"component": comp, "slot": s.slot, "active": s.active, "previous": s.previous,
                         "name": s.name, "version": s.version, "complete": s.complete})
    if args.json:
        for r in rows:
            print(json.dumps(r))
    elif not rows:
        print(f"{root}: no models installed")
    else:
        for r in rows:
            mark = "*" if r["active"] else ("p" if r["previous"] else " ")
            ok = "" if r["complete"] else "  (incomplete)"
            print(f"{mark} {r['component']:<12} {r['slot']}  {r['name']} {r['version']}{ok}")
    return 0
