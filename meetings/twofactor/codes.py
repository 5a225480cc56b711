"""What an editor types as a code, read the way they meant it (pure functions)."""

import re
import secrets

RECOVERY_CODES = 10
RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
RECOVERY_CODE_LENGTH = 10
MAX_CODE_LENGTH = 32


def normalize(text):
    """A typed code without spaces or dashes, in lower case: "123 456" → "123456"."""
    return re.sub(r"[\s-]+", "", text or "").lower()[:MAX_CODE_LENGTH]


def new_recovery_codes(count=RECOVERY_CODES):
    """`count` distinct random recovery codes."""
    codes = set()
    while len(codes) < count:
        codes.add(
            "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        )
    return sorted(codes)


def grouped(code):
    """A recovery code as it is shown, in groups of five: "abcde-fghjk"."""
    return "-".join(code[index : index + 5] for index in range(0, len(code), 5))
