"""The plugin's own wording of what its code works out (fund workings, thresholds), in srdi's language.

The catalogue is ``locale/<lang>/LC_MESSAGES/srdi_hebei.po``; compile it after editing with
``pybabel compile -D srdi_hebei -d plugins/hebei/src/srdi_hebei/locale``.
"""

from __future__ import annotations

from pathlib import Path

from srdi.i18n import Messages

say = Messages("srdi_hebei", Path(__file__).parent / "locale")
