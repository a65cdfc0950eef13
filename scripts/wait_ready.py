"""Wait until every local service answers, then print where to chat and where staff log in.

Runs as a Procfile process; it stays alive afterwards because honcho stops everything
when one process exits.
"""

import os
import signal
import time
import urllib.error
import urllib.request

TIMEOUT_SECONDS = 300


def _url(port_var: str, path: str) -> str:
    return f"http://127.0.0.1:{os.environ[port_var]}{path}"


def _is_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local http only)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def main() -> None:
    checks = {
        "escalation": _url("ESCALATION_PORT", "/health"),
        "actions": _url("ACTIONS_PORT", "/health"),
        "rasa": _url("RASA_PORT", "/"),
        "gateway": _url("GATEWAY_PORT", "/health"),
    }
    deadline = time.monotonic() + TIMEOUT_SECONDS
    waiting = dict(checks)
    while waiting and time.monotonic() < deadline:
        waiting = {name: url for name, url in waiting.items() if not _is_up(url)}
        if waiting:
            time.sleep(1)
    if waiting:
        print(f"Not ready after {TIMEOUT_SECONDS} s: {', '.join(waiting)}. See the logs above.")
    else:
        print(
            "\n"
            "  Voordeur is running.\n"
            f"  Chat as an inwoner:   {_url('GATEWAY_PORT', '/')}\n"
            f"  Staff log in:         {_url('ESCALATION_PORT', '/staff/login')}\n"
            "                        as 'medewerker' (inbox) or 'manager' (inzicht);\n"
            "                        passwords: VOORDEUR_STAFF_PASSWORD and\n"
            "                        VOORDEUR_MANAGER_PASSWORD in var/secrets.env\n"
            f"  Escalation API:       {_url('ESCALATION_PORT', '/openapi.json')}\n"
            "  Team e-mail:          printed by the 'mail' process\n"
            "  Press Ctrl-C to stop everything.\n",
            flush=True,
        )
    signal.sigwait({signal.SIGINT, signal.SIGTERM})


if __name__ == "__main__":
    main()
