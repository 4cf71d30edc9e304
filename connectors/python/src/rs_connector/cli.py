"""rs-connector-py [run] --jobcentre 147 … | rs-connector-py doctor [--json]"""
import argparse
import json
import os
import sys

from . import __version__
from .connector import run
from .doctor import render, run_doctor
from .schemas import load_schemas
from .settings import ConfigError, broker_url, feed_settings, jobcentre_code, number


def run_command(argv):
    parser = argparse.ArgumentParser(prog="rs-connector-py run", description="Consume the jobcentre's queue and answer broadcasts.")
    parser.add_argument("--jobcentre", help="the jobcentre's code (default: JOBCENTRES)")
    parser.add_argument("--schemas", help="folder with envelope.json and <name>.v<n>.json (default: those in the package)")
    parser.add_argument("--candidate", action="append", default=[], help="ref:summary of a candidate to propose")
    parser.add_argument("--max-messages", type=int, default=0, help="stop after this many order broadcasts (0 = never)")
    parser.add_argument("--timeout", type=float, default=0, help="stop after this many seconds (0 = never)")
    args = parser.parse_args(argv)
    try:
        code = jobcentre_code(args.jobcentre)
        url = broker_url(code)
    except ConfigError as error:
        print(f"Invalid configuration / Ugyldig konfiguration: {error}", file=sys.stderr)
        return 2
    return run(url, code, load_schemas(args.schemas), args.candidate, args.max_messages, args.timeout)


def doctor_command(argv):
    parser = argparse.ArgumentParser(
        prog="rs-connector-py doctor",
        description="First-run check: broker, TLS, login, vhost, queue, clock and feed token, each with what to do (exit 1 on a problem).",
    )
    parser.add_argument("--jobcentre", help="the jobcentre's code (default: JOBCENTRES)")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON (stable problem codes)")
    args = parser.parse_args(argv)
    env = os.environ
    code = 0
    try:
        code = jobcentre_code(args.jobcentre)
        findings = run_doctor(
            broker_url(code),
            code,
            feed_settings(),
            max_skew=number(env, "DOCTOR_MAX_CLOCK_SKEW_SECONDS", 30, 0, 86400),
            timeout=number(env, "DOCTOR_TIMEOUT_MS", 5000, 100, 60000) / 1000,
        )
    except ConfigError as error:
        from .doctor import problem

        findings = [problem("config", "config-invalid", str(error))]
    if args.json:
        print(json.dumps({"jobcentre": code, "findings": findings}, ensure_ascii=False, indent=2))
    else:
        print(render(code, findings), end="")
    return 1 if any(f["status"] == "problem" for f in findings) else 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--version"]:
        print(__version__)
        return 0
    if argv[:1] == ["doctor"]:
        return doctor_command(argv[1:])
    # `run` may be left out, as the single-script connector took its flags directly.
    return run_command(argv[1:] if argv[:1] == ["run"] else argv)
