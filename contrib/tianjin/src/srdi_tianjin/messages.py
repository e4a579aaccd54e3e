"""The plugin's own wording of what its code works out (fund workings), in srdi's language.

The catalogue is ``locale/<lang>/LC_MESSAGES/srdi_tianjin.po``; compile it after editing with
``pybabel compile -D srdi_tianjin -d contrib/tianjin/src/srdi_tianjin/locale``.
"""

from __future__ import annotations

from pathlib import Path

from srdi.i18n import Messages

say = Messages("srdi_tianjin", Path(__file__).parent / "locale")
