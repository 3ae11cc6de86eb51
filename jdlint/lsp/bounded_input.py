"""What the language server reads from its client, bounded: header lines and message bodies.

pygls reads a header line with an unbounded `readline()` and then the body with
`read(Content-Length)`, so `Content-Length: 99999999999` makes it allocate that much (and die
of MemoryError), and a header line without an end grows without limit. This reader stands
between pygls and stdin: a header line is cut at `MAX_HEADER_LINE` bytes (a cut line matches
no header and pygls reads on), and a body larger than `MAX_MESSAGE_BYTES` is refused without
being read: pygls gets a few bytes that are not JSON, logs that it could not handle the
message and reads the next header, so the server stays up and answers the next message.
"""

from __future__ import annotations

import logging
from typing import BinaryIO

MAX_MESSAGE_BYTES = 64 * 1024 * 1024  # a 10 MiB page, JSON-escaped, fits with room to spare
MAX_HEADER_LINE = 4096
REFUSED = b"\x00"  # what pygls gets for a refused body: invalid JSON, so it moves on

logger = logging.getLogger(__name__)


class BoundedInput:
    """A binary stream with the two methods pygls reads through, each with a size limit."""

    def __init__(
        self,
        stream: BinaryIO,
        max_message: int = MAX_MESSAGE_BYTES,
        max_line: int = MAX_HEADER_LINE,
    ) -> None:
        self._stream = stream
        self._max_message = max_message
        self._max_line = max_line

    def readline(self) -> bytes:
        return self._stream.readline(self._max_line)

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > self._max_message:
            logger.error(
                "refused a message of %s bytes (limit %s)", f"{size:,}", f"{self._max_message:,}"
            )
            return REFUSED
        return self._stream.read(size)
