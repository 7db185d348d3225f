"""Reading bank files: BgMax and camt.054/camt.053 into payments, and refusing
what is not a complete bank file with a message that says why."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from members.contributions import bankfiles
from members.contributions.bankfiles import BankPayment

FILES = Path(__file__).parent / "files"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def parsed(name: str) -> tuple[str, list[BankPayment]]:
    return bankfiles.parse(read(name), name)


def refused(content: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        bankfiles.parse(content, "file")
    return " ".join(caught.value.messages)


# BgMax


def record(text: str) -> str:
    assert len(text) <= 80
    return text.ljust(80)


def bgmax(*records: str) -> bytes:
    return "\r\n".join(record(r) for r in records).encode("latin-1")


START = "01BGMAX               0120260203063000123456P"
OPEN = "050050501055          SEK"


def tk20(reference, amount, serial, code="2", kind="20"):
    return f"{kind}0009912346{reference:>25}{amount:018d}{code}1{serial:012d}0"


def tk15(amount, count, date="20260202"):
    return f"15{'0' * 26}505010550{date}00001{amount:018d}SEK{count:08d}"


def tk70(payments, deductions, references, deposits):
    return f"70{payments:08d}{deductions:08d}{references:08d}{deposits:08d}"


def test_bgmax_fixture_gives_every_payment_of_both_deposits():
    kind, payments = parsed("bgmax_two_deposits.txt")

    assert kind == "bgmax"
    assert [(p.reference, p.amount_minor, p.booked_on.day) for p in payments] == [
        ("20260000011", 2500000, 2),
        ("20260000029", 1500000, 2),
        ("20260000037", 1500000, 2),
        ("20260000045", 1300000, 2),
        ("98765", -20000, 2),
        ("20260000052", 3600000, 3),
        ("12345678", 1100000, 3),
        ("20260000078", 1200000, 3),
    ]
    first = payments[0]
    assert first.currency == "SEK"
    assert first.payer_name == "ALFA FASTIGHETER AB"
    assert first.payer_account == "9912346"
    assert first.booked_on == datetime.date(2026, 2, 2)
    # ISO-8859-1, as the manual prescribes.
    assert payments[6].payer_name == "Zeta Café HB"
    assert payments[7].information == "Medlemsavgift 2026"
    assert len({p.external_id for p in payments}) == 8


def test_bgmax_extra_references_sharing_a_payment_split_it():
    _kind, payments = parsed("bgmax_two_deposits.txt")
    shared = [p for p in payments if p.payer_name == "Gamma Handel AB"][:2]

    assert [(p.reference, p.amount_minor) for p in shared] == [
        ("20260000037", 1500000),
        ("20260000045", 1300000),
    ]
    assert shared[0].external_id.endswith(":1")
    assert shared[1].external_id.endswith(":2")
    assert shared[0].information == "Faktura 2026-00003 och 2026-00004"


def test_bgmax_extra_references_without_amounts_keep_the_payment_whole():
    content = bgmax(
        START,
        OPEN,
        tk20("20260000011", 5000000, 1),
        tk20("20260000029", 0, 1, kind="22"),
        "25Tva fakturor",
        "26Kalles Plåt AB",
        tk15(5000000, 1),
        tk70(1, 0, 1, 1),
    )
    _kind, payments = bankfiles.parse(content, "x")

    assert len(payments) == 1
    assert payments[0].reference == "20260000011"
    assert payments[0].amount_minor == 5000000
    assert payments[0].information == "Tva fakturor Ref: 20260000029"
    assert payments[0].payer_name == "Kalles Plåt AB"


def test_bgmax_minus_reference_keeps_the_payment_whole_under_its_first_reference():
    content = bgmax(
        START,
        OPEN,
        tk20("", 1400000, 30, code="0"),
        tk20("7495575", 1000000, 30, kind="22"),
        tk20("695668", 900000, 30, kind="22"),
        tk20("7445", 500000, 30, kind="23"),
        tk15(1400000, 1),
        tk70(1, 0, 3, 1),
    )
    _kind, payments = bankfiles.parse(content, "x")

    assert [(p.reference, p.amount_minor) for p in payments] == [("7495575", 1400000)]
    assert "695668" in payments[0].information


def test_bgmax_read_as_utf8_when_resaved_so():
    content = bgmax(
        START, OPEN, tk20("1", 100, 1), "26Åsa Öberg", tk15(100, 1), tk70(1, 0, 0, 1)
    )
    utf8 = content.decode("latin-1").encode("utf-8")

    assert bankfiles.parse(utf8, "x")[1][0].payer_name == "Åsa Öberg"


def test_bgmax_ids_are_the_same_on_every_read():
    first = [p.external_id for p in parsed("bgmax_two_deposits.txt")[1]]
    again = [p.external_id for p in parsed("bgmax_two_deposits.txt")[1]]

    assert first == again
    assert first[0] == "bgmax:50501055:20260202:00001:20:000000000101"


def test_bgmax_end_record_with_wrong_counts_is_refused():
    content = bgmax(START, OPEN, tk20("1", 100, 1), tk15(100, 1), tk70(2, 0, 0, 1))

    message = refused(content)
    assert "end record counts 2 payments" in message
    assert "nothing was imported" in message


def test_bgmax_deposit_that_does_not_add_up_is_refused():
    content = bgmax(
        START,
        OPEN,
        tk20("1", 100, 1),
        tk20("2", 200, 2),
        tk15(400, 2),
        tk70(2, 0, 0, 1),
    )

    assert "does not add up" in refused(content)


def test_bgmax_deduction_counts_against_its_deposit():
    content = bgmax(
        START,
        OPEN,
        tk20("1", 1000, 1),
        tk20("2", 300, 2, code="4", kind="21") + "0",
        tk15(700, 2),
        tk70(1, 1, 0, 1),
    )

    payments = bankfiles.parse(content, "x")[1]
    assert [p.amount_minor for p in payments] == [1000, -300]


def test_bgmax_without_end_record_is_refused():
    content = bgmax(START, OPEN, tk20("1", 100, 1), tk15(100, 1))

    assert "no end record" in refused(content)


def test_bgmax_with_an_unclosed_deposit_is_refused():
    content = bgmax(START, OPEN, tk20("1", 100, 1), tk70(1, 0, 0, 0))

    assert "never closed" in refused(content)


def test_bgmax_payment_outside_a_deposit_is_refused():
    content = bgmax(START, tk20("1", 100, 1), tk70(1, 0, 0, 0))

    assert "outside a deposit section" in refused(content)


def test_bgmax_records_after_the_end_are_refused():
    content = bgmax(
        START, OPEN, tk20("1", 100, 1), tk15(100, 1), tk70(1, 0, 0, 1), OPEN
    )

    assert "after the end record" in refused(content)


def test_bgmax_amount_that_is_not_a_number_is_refused():
    content = bgmax(
        START,
        OPEN,
        tk20("1", 100, 1).replace("000000000000000100", "00000000000000010X"),
        tk15(100, 1),
        tk70(1, 0, 0, 1),
    )

    assert "Line 3: positions 38–55 should hold a number" in refused(content)


def test_bgmax_line_longer_than_a_record_is_refused():
    content = bgmax(START, OPEN) + b"\r\n" + b"20" + b"1" * 90

    assert "Line 3 is longer than 80 characters" in refused(content)


def test_bgmax_start_record_of_another_layout_is_refused():
    content = bgmax("01BGMAXX              01", OPEN, tk70(0, 0, 0, 0))

    assert "start record" in refused(content)


# camt.054 and camt.053


def test_camt054_v2_gives_credits_of_every_entry_and_batch():
    kind, payments = parsed("camt054_v2.xml")

    assert kind == "camt054"
    assert [(p.external_id.rsplit(":", 1)[1], p.amount_minor) for p in payments] == [
        ("T-0001", 2500000),
        ("T-0002A", 2000000),
        ("T-0002B", 1500000),
        ("T-0002C", 1000000),
        ("E-0005", 77700),
    ]
    first = payments[0]
    assert first.reference == "20260000011"
    assert first.payer_name == "Alfa Fastigheter AB"
    assert first.payer_account == "SE3550000000054910000003"
    assert first.booked_on == datetime.date(2026, 2, 2)
    assert first.currency == "SEK"
    # No structured reference: the unstructured text stands in for it.
    assert payments[2].reference == "Faktura 2026-00003 OCR 2026 0000 037"
    assert payments[4].information == "INSATTNING"


def test_camt054_v8_reads_its_own_element_names_and_positions_batch_payments():
    kind, payments = parsed("camt054_v8.xml")

    assert kind == "camt054"
    assert [(p.external_id, p.amount_minor, p.currency) for p in payments] == [
        ("camt:50501055:V8-E1:1", 1100000, "SEK"),
        ("camt:50501055:V8-E1:2", 1400000, "SEK"),
        ("camt:50501055:V8-E2", 100000, "EUR"),
    ]
    assert payments[0].payer_name == "Zeta Café HB"
    assert payments[0].payer_account == "7778889"
    assert payments[1].reference == "20260000086"
    # BookgDt given as a date and time.
    assert payments[0].booked_on == datetime.date(2026, 2, 4)


def test_camt053_reports_the_same_ids_as_the_notification_before_it():
    _kind, notified = parsed("camt054_v2.xml")
    kind, stated = parsed("camt053_v2.xml")

    assert kind == "camt053"
    assert {p.external_id for p in notified} < {p.external_id for p in stated}
    new = {p.external_id for p in stated} - {p.external_id for p in notified}
    assert new == {"camt:SE4550000000058398257466:T-0006"}


def test_camt_without_namespace_is_read_too():
    content = read("camt054_v2.xml").replace(
        b' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"', b""
    )

    assert len(bankfiles.parse(content, "x")[1]) == 5


def test_camt_ids_without_account_servicer_references_are_stable():
    content = read("camt054_v2.xml")
    for tag in (b"AcctSvcrRef",):
        content = content.replace(b"<" + tag + b">", b"<Ignored>").replace(
            b"</" + tag + b">", b"</Ignored>"
        )
    first = [p.external_id for p in bankfiles.parse(content, "x")[1]]
    again = [
        p.external_id
        for p in bankfiles.parse(content.replace(b"NTF-20260202", b"X"), "x")[1]
    ]

    assert first == again
    assert first[0] == "camt:SE4550000000058398257466:n:1:1"
    assert len(set(first)) == 5


def test_camt_amount_with_too_many_decimals_is_refused():
    content = read("camt054_v8.xml").replace(b">11000.00<", b">11000.005<")

    assert "is not an amount" in refused(content)


def test_camt_negative_amount_is_refused():
    content = read("camt054_v8.xml").replace(b">11000.00<", b">-11000.00<")

    assert "is not an amount" in refused(content)


def test_camt052_report_is_refused_with_what_to_download_instead():
    content = (
        b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:'
        b'camt.052.001.02"><BkToCstmrAcctRpt/></Document>'
    )

    assert "camt.052" in refused(content)


def test_other_iso20022_message_is_refused():
    content = (
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">'
        b"<CstmrCdtTrfInitn/></Document>"
    )

    assert "not an ISO 20022 camt.054 or camt.053 file" in refused(content)


# Hostile input


def test_xml_bomb_is_refused_unexpanded():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Document><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&lol3;</AddtlNtryInf></Ntry>
</Stmt></BkToCstmrStmt></Document>"""

    assert "document type or entities" in refused(bomb)


def test_external_entity_is_never_fetched():
    xxe = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Document><BkToCstmrStmt><Stmt>&x;</Stmt></BkToCstmrStmt></Document>"""

    assert "document type or entities" in refused(xxe)


def test_xml_in_utf16_with_a_doctype_is_refused_too():
    xxe = '<!DOCTYPE d [<!ENTITY x "y">]><Document><BkToCstmrStmt/></Document>'

    assert "document type or entities" in refused(xxe.encode("utf-16"))


def test_xml_that_is_not_well_formed_is_refused():
    assert "not well-formed XML" in refused(b"<Document><BkToCstmrStmt></Document>")


def test_deeply_nested_xml_is_refused():
    content = b"<Document>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</Document>"

    assert "not well-formed XML" in refused(content)


def test_text_that_is_no_bank_file_is_refused():
    assert "neither a BgMax file" in refused(b"Hej, here is the file you asked for")


def test_empty_file_is_refused():
    assert "empty" in refused(b"  \r\n")


def test_fifty_megabytes_are_refused_unread():
    assert "larger than 20 MB" in refused(b"<" + b" " * (50 * 1024 * 1024))
