"""The open app follows writes from elsewhere (``crampcoach log`` in another terminal, an import).

Once a second the app stats the journal; when another process has written it, the screen in
view gets a ``JournalChanged`` message and re-reads what it shows. Forms ignore it, so what
the user is typing stays put.
"""

from __future__ import annotations

from textual.message import Message

POLL_SECONDS = 1.0


class JournalChanged(Message):
    """The journal file changed on disk; screens that show journal data refresh."""
