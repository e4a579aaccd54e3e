"""Service settings: limits and workers, from environment variables so every worker process shares them."""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs

from ..errors import Problem, SrdiError
from ..i18n import t

#: Environment variables read by :meth:`Settings.from_env`, with their defaults.
ENV = {
    "SRDI_MAX_BODY_BYTES": 1024 * 1024,
    "SRDI_MAX_UPLOAD_BYTES": 50 * 1024 * 1024,
    "SRDI_BATCH_WORKERS": 1,
}


@attrs.frozen
class Settings:
    """Limits of one service process.

    ``max_body_bytes`` caps a JSON request body (a profile, a filled form);
    ``max_upload_bytes`` caps an uploaded table; ``batch_workers`` is the number of
    processes that screen uploaded tables, apart from the processes answering checks.
    """

    max_body_bytes: int = ENV["SRDI_MAX_BODY_BYTES"]
    max_upload_bytes: int = ENV["SRDI_MAX_UPLOAD_BYTES"]
    batch_workers: int = ENV["SRDI_BATCH_WORKERS"]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``SRDI_MAX_BODY_BYTES``, ``SRDI_MAX_UPLOAD_BYTES`` and ``SRDI_BATCH_WORKERS``."""
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        problems = []
        for name, default in ENV.items():
            raw = env.get(name, "").strip()
            if not raw:
                values[name] = default
                continue
            try:
                value = int(raw)
            except ValueError:
                value = 0
            if value < 1:
                problems.append(Problem(t("web.setting_not_positive", value=repr(raw)), key=name))
            values[name] = value
        if problems:
            raise SrdiError(problems)
        return cls(values["SRDI_MAX_BODY_BYTES"], values["SRDI_MAX_UPLOAD_BYTES"], values["SRDI_BATCH_WORKERS"])

    def to_env(self) -> dict[str, str]:
        """The environment variables that reproduce these settings in another process."""
        return {
            "SRDI_MAX_BODY_BYTES": str(self.max_body_bytes),
            "SRDI_MAX_UPLOAD_BYTES": str(self.max_upload_bytes),
            "SRDI_BATCH_WORKERS": str(self.batch_workers),
        }
