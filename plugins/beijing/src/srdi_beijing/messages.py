"""The plugin's own wording of what its code works out (fund workings, thresholds), in srdi's language.

The catalogue is ``locale/<lang>/LC_MESSAGES/srdi_beijing.po``; compile it after editing with
``pybabel compile -D srdi_beijing -d plugins/beijing/src/srdi_beijing/locale``.
"""

from __future__ import annotations

from pathlib import Path

from srdi.i18n import Messages

say = Messages("srdi_beijing", Path(__file__).parent / "locale")
