"""The Peppol BIS Billing 3.0 validator (../shared/peppol/validate), found and run.

Looked for, in this order: the file named by PEPPOL_VALIDATE;
`../shared/peppol/validate` beside this checkout; `/work/shared/peppol/validate`.
When none exists the tests skip, saying why, except under CI (the variable CI is
set), where a missing validator fails: an unchecked document must not pass.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent


def validator_candidates() -> list[Path]:
    candidates = []
    if os.environ.get("PEPPOL_VALIDATE"):
        candidates.append(Path(os.environ["PEPPOL_VALIDATE"]))
    candidates.append(REPOSITORY.parent / "shared" / "peppol" / "validate")
    candidates.append(Path("/work/shared/peppol/validate"))
    return candidates


def find_validator() -> Path | None:
    return next((path for path in validator_candidates() if path.is_file()), None)


def require_validator() -> Path:
    validator = find_validator()
    if validator is None:
        looked = ", ".join(str(path) for path in validator_candidates())
        message = f"The Peppol validator is not there (looked at {looked})."
        if os.environ.get("CI"):
            pytest.fail(message + " CI must run it; set PEPPOL_VALIDATE.")
        pytest.skip(message + " Set PEPPOL_VALIDATE to run these tests.")
    return validator


def validate(paths: list[Path]) -> tuple[dict[str, str], str]:
    """Run the validator once over all files: {file name: "valid" or "fails …"}
    and its whole output. It needs saxonche, so it runs under this Python."""
    validator = require_validator()
    process = subprocess.run(
        [sys.executable, str(validator), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    verdicts = {}
    for line in process.stdout.splitlines():
        path, _sep, verdict = line.rpartition(": ")
        if path:
            verdicts[Path(path).name] = verdict
    if len(verdicts) != len(paths):
        pytest.fail(
            "The validator did not report on every file:\n"
            + process.stdout
            + process.stderr
        )
    return verdicts, process.stdout
