"""Bank files as banks write them, for tests: BgMax (Bankgirot's 80-character
records in ISO-8859-1)."""

import datetime


def _record(text: str) -> str:
    assert len(text) <= 80, text
    return text.ljust(80)


def bgmax(
    payments: list[tuple[str, int, str]],
    *,
    on: datetime.date,
    bankgiro: str = "50501055",
    serial: int = 1,
) -> bytes:
    """One deposit of payments (reference, amount in öre, payer's name); an
    OCR-like reference (digits) gets reference code 2, anything else code 4."""
    day = on.strftime("%Y%m%d")
    lines = [
        _record(f"01BGMAX{' ' * 15}01{day}063000000000P"),
        _record(f"05{bankgiro.zfill(10)}{' ' * 10}SEK"),
    ]
    for number, (reference, amount, name) in enumerate(payments, start=1):
        code = "2" if reference.isdigit() else "4"
        lines.append(
            _record(
                f"20{'9912346'.zfill(10)}{reference.rjust(25)}{amount:018d}"
                f"{code}1{serial * 1000 + number:012d}0"
            )
        )
        lines.append(_record(f"26{name}"))
    total = sum(amount for _reference, amount, _name in payments)
    lines.append(
        _record(
            f"15{bankgiro.zfill(35)}{day}{serial:05d}{total:018d}SEK{len(payments):08d}"
        )
    )
    lines.append(_record(f"70{len(payments):08d}{0:08d}{0:08d}{1:08d}"))
    return ("\r\n".join(lines) + "\r\n").encode("latin-1")
