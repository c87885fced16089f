"""Channels as pluggable senders: each writes a batch of messages and says how each went.

The app has no SMS or WeChat gateway: the built-in senders export a batch the institute
sends with the tools it has (a bulk-SMS platform's CSV import, a mail client opening
.eml files, a printer, a clerk with a phone list), and report per message whether it
could go out at all: a number that is no mainland number, an address no mail client
takes.  Another sender (a real gateway) only has to keep to `Sender`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from typing import Protocol

from openpyxl import Workbook

from counter.admin.print_fonts import FontSettings, printing_fonts
from counter.archive.rules.contacts import email_address, mobile_number, phone_number
from counter.i18n import _
from counter.spreadsheet import append_row
from printing.common import InstituteInfo
from printing.fonts import MissingGlyphs
from printing.letter import render_letters_pdf
from printing.letter_data import LetterData


@dataclass(frozen=True)
class Outgoing:
    """One message as a sender sees it."""

    message_id: int
    channel: str
    customer: str
    recipient: str
    recipient_name: str
    subject: str
    body: str
    instruments: tuple[tuple[str, dt.date | None], ...] = ()


@dataclass(frozen=True)
class SendOutcome:
    message_id: int
    ok: bool
    reason: str = ""


class Sender(Protocol):
    """Sends (or exports) messages of one channel into `folder`, files named after `batch`."""

    @property
    def channel(self) -> str: ...

    def send(self, messages: Sequence[Outgoing], folder: Path, batch: str) -> list[SendOutcome]: ...


def invalid_number(message: Outgoing) -> str:
    return _("号码无效：{name}（{recipient}）").format(
        name=message.recipient_name or message.customer, recipient=message.recipient or "-"
    )


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet opening the CSV never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA) else text


@dataclass(frozen=True)
class CsvSender:
    """A CSV for a bulk-SMS platform's import (phone, text); WeChat: the same for a clerk."""

    channel: str = "sms"

    def send(self, messages: Sequence[Outgoing], folder: Path, batch: str) -> list[SendOutcome]:
        outcomes, rows = [], []
        for m in messages:
            number = mobile_number(m.recipient)
            if number is None:
                outcomes.append(SendOutcome(m.message_id, False, invalid_number(m)))
                continue
            if self.channel == "wechat":
                rows.append([number, m.customer, m.recipient_name, m.body])
            else:
                rows.append([number, m.body])
            outcomes.append(SendOutcome(m.message_id, True))
        if rows:
            if self.channel == "wechat":
                header = [_("手机号码（微信）"), _("客户"), _("联系人"), _("消息内容")]
            else:
                header = [_("手机号码"), _("短信内容")]
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows([[_csv_safe(v) for v in row] for row in rows])
            (folder / f"{batch}.csv").write_text(buffer.getvalue(), encoding="utf-8-sig")
        return outcomes


@dataclass(frozen=True)
class EmlSender:
    """One .eml file per message in the folder `batch` (opens as an unsent draft)."""

    sender_name: str
    now: dt.datetime
    sender_address: str = ""
    channel: str = "email"

    def send(self, messages: Sequence[Outgoing], folder: Path, batch: str) -> list[SendOutcome]:
        outcomes = []
        target = folder / batch
        for n, m in enumerate(messages, 1):
            address = email_address(m.recipient)
            if address is None:
                reason = _("邮箱无效：{name}（{recipient}）").format(
                    name=m.recipient_name or m.customer, recipient=m.recipient or "-"
                )
                outcomes.append(SendOutcome(m.message_id, False, reason))
                continue
            mail = EmailMessage()
            if self.sender_address:
                mail["From"] = formataddr((self.sender_name, self.sender_address))
            mail["To"] = formataddr((m.recipient_name or m.customer, address))
            mail["Subject"] = m.subject
            mail["Date"] = format_datetime(self.now)
            mail["Message-ID"] = make_msgid(f"outbox-{m.message_id}")
            mail["X-Unsent"] = "1"
            mail.set_content(m.body)
            target.mkdir(parents=True, exist_ok=True)
            (target / f"{n:04d}-{m.message_id}.eml").write_bytes(bytes(mail))
            outcomes.append(SendOutcome(m.message_id, True))
        return outcomes


@dataclass(frozen=True)
class LetterSender:
    """Every letter of the batch in one PDF to print (a letter the font cannot draw fails)."""

    institute: InstituteInfo
    fonts: FontSettings
    today: dt.date
    channel: str = "letter"

    def _letter(self, m: Outgoing) -> LetterData:
        recipient = "" if m.recipient_name == m.customer else m.recipient_name
        return LetterData(
            m.customer, recipient, m.recipient, m.subject, m.body, self.today, str(m.message_id)
        )

    def send(self, messages: Sequence[Outgoing], folder: Path, batch: str) -> list[SendOutcome]:
        outcomes: dict[int, SendOutcome] = {}
        letters: list[tuple[int, LetterData]] = []
        for m in messages:
            if not m.recipient.strip():
                reason = _("地址为空：{name}").format(name=m.customer)
                outcomes[m.message_id] = SendOutcome(m.message_id, False, reason)
            else:
                letters.append((m.message_id, self._letter(m)))
        with printing_fonts(self.fonts):
            try:
                pdf = render_letters_pdf([d for _i, d in letters], self.institute)
            except MissingGlyphs:  # find the letters the font cannot draw; print the others
                drawable = []
                for message_id, letter in letters:
                    try:
                        render_letters_pdf([letter], self.institute)
                        drawable.append((message_id, letter))
                    except MissingGlyphs as error:
                        reason = _("字体缺少字符：{chars}（{name}）").format(
                            chars=" ".join(error.chars), name=letter.customer
                        )
                        outcomes[message_id] = SendOutcome(message_id, False, reason)
                letters = drawable
                pdf = render_letters_pdf([d for _i, d in letters], self.institute)
        if letters:
            (folder / f"{batch}.pdf").write_bytes(pdf)
        for message_id, _data in letters:
            outcomes[message_id] = SendOutcome(message_id, True)
        return [outcomes[m.message_id] for m in messages]


@dataclass(frozen=True)
class PhoneListSender:
    """A call list (XLSX): whom to call, the number, what to say, room for the answer."""

    channel: str = "phone"

    def send(self, messages: Sequence[Outgoing], folder: Path, batch: str) -> list[SendOutcome]:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = _("电话提醒")
        headers = [
            (_("消息编号"), 10), (_("客户"), 28), (_("联系人"), 12), (_("电话"), 18),
            (_("器具"), 40), (_("通话内容"), 60), (_("答复"), 30),
        ]  # fmt: skip
        append_row(sheet, [h for h, _w in headers])
        for column, (_h, width) in zip(sheet.iter_cols(max_row=1), headers, strict=False):
            sheet.column_dimensions[column[0].column_letter].width = width
        outcomes = []
        for m in messages:
            number = phone_number(m.recipient)
            if number is None:
                outcomes.append(SendOutcome(m.message_id, False, invalid_number(m)))
                continue
            things = _("、").join(
                f"{name}（{due.isoformat()}）" if due else name for name, due in m.instruments
            )
            append_row(
                sheet, [m.message_id, m.customer, m.recipient_name, number, things, m.body, ""]
            )
            outcomes.append(SendOutcome(m.message_id, True))
        if any(o.ok for o in outcomes):
            sheet.freeze_panes = "A2"
            book.save(folder / f"{batch}.xlsx")
        return outcomes
