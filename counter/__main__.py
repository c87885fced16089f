"""`python -m counter …`: the counter without a screen (administration and scripting).

python -m counter db status  [--db URL]
python -m counter db upgrade [--db URL]      # the only way a shared database is upgraded
python -m counter demo [PATH]                # made, or reused (default counter-demo.db)
python -m counter create-admin --username NAME --full-name NAME [--db URL]
python -m counter scan CODE [--db URL]
python -m counter audit verify [--db URL]     # exit 1 and the first broken link if tampered
python -m counter backup [--to DIR] [--db URL]
python -m counter restore BACKUP --to NEWFILE
python -m counter verify-certificate "QR TEXT" [--db URL]
    exit 0 valid, 1 superseded / voided / not issued, 3 not ours, 4 altered
python -m counter key export-public [--db URL] [--out FILE]
python -m counter recall due --month 2027-01 [--db URL]
python -m counter recall batch --month 2027-01 --out DIR [--db URL]
python -m counter stats run --report volume --from 2026-01-01 --to 2026-12-31 --user NAME
python -m counter stats saved --user NAME [--db URL]
python -m counter outbox list [--status STATUS] [--channel CHANNEL] [--limit N] [--db URL]
python -m counter outbox send --channel CHANNEL --out DIR --user NAME [--db URL]
    exports the drafted messages of a channel (password typed); exit 1 if any failed
python -m counter ledger export [--customer ID] FILE [--db URL]   # no --customer: every customer
python -m counter ledger import --customer ID FILE --user NAME [--db URL]   # password asked
python -m counter ledger rebuild-due [--db URL]   # next due dates computed again
python -m counter complaints list|add|summary …  /  ratings rate|summary …  (counter.feedback.cli)
python -m counter onsite jobs [--from DATE] [--to DATE] [--db URL]
python -m counter onsite week [--day DATE] [--db URL]
python -m counter onsite sheet JOB --out FILE [--db URL]
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from counter.admin.auth import authenticate, create_user
from counter.admin.backup import (
    backup_database,
    backup_folder,
    load_backup_settings,
    restore_backup,
)
from counter.admin.rules.roles import Role
from counter.appointments.cli import add_appointments_parser, appointments_command
from counter.archive.ledger_xlsx import export_ledger_xlsx, import_ledger
from counter.archive.outbox_view import outbox
from counter.archive.recall_cli import add_recall_parser, recall_command
from counter.archive.rules.messages import (
    CHANNELS,
    STATUSES,
    channel_label,
    kind_label,
    status_label,
)
from counter.archive.sending import send_batch, sender_for
from counter.archive.verifications import rebuild_due
from counter.certificates.signing_keys import export_public_keys
from counter.certificates.verify import Verdict, verify_certificate
from counter.clock import SystemClock
from counter.errors import CounterError
from counter.feedback.cli import add_feedback_parsers, feedback_command
from counter.i18n import LANGUAGES, _, set_language
from counter.intake.scan import lookup, unknown_code_message
from counter.onsite.cli import add_onsite_parser, onsite_command
from counter.reports.audit_log import verify_chain
from counter.session import read, resolve_url, run_action, user_action
from counter.startup import open_database
from counter.statistics.cli import add_stats_parser, stats_command
from db.engine import Database, make_engine
from db.migrate import head_revision, schema_state, upgrade


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m counter", description=_("计量收发台"))
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    db = sub.add_parser("db", help=_("查看数据库结构版本（status），或升级共享数据库（upgrade）"))
    db.add_argument("action", choices=("status", "upgrade"))
    db.add_argument("--db", metavar="URL")
    demo = sub.add_parser("demo", help=_("创建演示数据库，列出其用户名和密码"))
    demo.add_argument("path", type=Path, nargs="?", metavar="PATH")
    demo.add_argument("--path", type=Path, dest="path_option", metavar="FILE")
    admin = sub.add_parser("create-admin", help=_("创建管理员账号（密码在终端输入）"))
    admin.add_argument("--username", required=True, metavar="NAME")
    admin.add_argument("--full-name", required=True, metavar="NAME")
    admin.add_argument("--db", metavar="URL")
    scan = sub.add_parser("scan", help=_("查询一个条码（委托单、器具、清单或证书编号）"))
    scan.add_argument("code", metavar="CODE")
    scan.add_argument("--db", metavar="URL")
    audit = sub.add_parser("audit", help=_("校验审计日志的哈希链（verify），报告第一处断裂"))
    audit.add_argument("action", choices=("verify",))
    audit.add_argument("--db", metavar="URL")
    backup = sub.add_parser(
        "backup", help=_("备份数据库（SQLite 在线备份，PostgreSQL 用 pg_dump）")
    )
    backup.add_argument("--to", type=Path, metavar="DIR")
    backup.add_argument("--db", metavar="URL")
    restore = sub.add_parser("restore", help=_("把备份恢复到一个新文件，并逐表核对内容"))
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    restore.add_argument("--to", type=Path, required=True, metavar="NEWFILE")
    verify = sub.add_parser(
        "verify-certificate",
        help=_("验证扫描到的证书二维码：有效、已被替代、已作废、非本所或已被改动"),
    )
    verify.add_argument("text", metavar="QR_TEXT")
    verify.add_argument("--db", metavar="URL")
    key = sub.add_parser("key", help=_("导出本所证书签名公钥（PEM）"))
    key.add_argument("action", choices=("export-public",))
    key.add_argument("--db", metavar="URL")
    key.add_argument("--out", type=Path, metavar="FILE")
    add_recall_parser(sub)
    add_feedback_parsers(sub)
    add_appointments_parser(sub)
    add_stats_parser(sub)
    box = sub.add_parser(
        "outbox",
        help=_("通知发件箱：列出消息（list），或导出一个渠道待发送的消息并记录结果（send）"),
    )
    box.add_argument("action", choices=("list", "send"))
    box.add_argument("--status", choices=STATUSES, metavar="STATUS")
    box.add_argument("--channel", choices=CHANNELS, metavar="CHANNEL")
    box.add_argument("--limit", type=int, default=100, metavar="N")
    box.add_argument("--out", type=Path, metavar="DIR")
    box.add_argument("--user", metavar="NAME")
    box.add_argument("--db", metavar="URL")
    ledger = sub.add_parser(
        "ledger",
        help=_(
            "器具台账：导出（export）、导入 XLSX/CSV（import）、重算下次检定日期（rebuild-due）"
        ),
    )
    actions = ledger.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help=_("导出 XLSX（不给 --customer：全部客户）"))
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument("--customer", type=int, metavar="ID")
    load = actions.add_parser("import", help=_("导入 XLSX/CSV：全部成功或全部不保存"))
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--customer", type=int, metavar="ID", required=True)
    load.add_argument(
        "--user", metavar="NAME", required=True, help=_("导入台账的用户（密码在终端输入）")
    )
    rebuild = actions.add_parser("rebuild-due", help=_("重算全部台账的下次检定日期"))
    for action in (export, load, rebuild):
        action.add_argument("--db", metavar="URL")
    add_onsite_parser(sub)
    return parser


def _outbox_list(args: argparse.Namespace) -> int:
    database = open_database(args.db)
    try:
        page = read(
            database,
            lambda s: outbox(s, args.status, limit=args.limit, channel=args.channel),
        )
    finally:
        database.dispose()
    for row in page.rows:
        fields = (str(row.id), status_label(row.status), channel_label(row.channel),
                  kind_label(row.kind), row.customer, row.recipient, row.status_reason)  # fmt: skip
        print("\t".join(fields))
    print(_("共 {n} 条").format(n=page.total))
    return 0


def _outbox_send(args: argparse.Namespace) -> int:
    if not (args.channel and args.out and args.user):
        raise CounterError(_("发送需要 --channel、--out 和 --user"))
    password = getpass.getpass(_("密码："))
    database = open_database(args.db)
    clock = SystemClock()
    try:
        actor = run_action(database, lambda s: authenticate(s, args.user, password))
        ids = [
            row.id
            for row in read(
                database, lambda s: outbox(s, "drafted", limit=100_000, channel=args.channel)
            ).rows
        ]
        if not ids:
            print(_("没有待发送的{channel}消息").format(channel=channel_label(args.channel)))
            return 0
        sender = read(database, lambda s: sender_for(s, args.channel, clock))
        result = send_batch(database, actor, clock, ids, sender, args.out)
    finally:
        database.dispose()
    print(
        _("批次 {batch}：已发送 {sent} 条，失败 {failed} 条").format(
            batch=result.batch, sent=len(result.sent), failed=len(result.failed)
        )
    )
    for path in result.files:
        print(path)
    for failed in result.failed:
        print(f"{failed.message_id}\t{failed.customer}\t{failed.reason}", file=sys.stderr)
    for note in result.skipped:
        print(note, file=sys.stderr)
    return 1 if result.failed else 0


def _backup_command(url: str | None, folder: Path | None) -> int:
    database = open_database(url)
    try:
        settings = read(database, load_backup_settings)
        path = backup_database(database, folder or backup_folder(database, settings), SystemClock())
    finally:
        database.dispose()
    print(_("备份已写入 {path}").format(path=path))
    return 0


def _db_command(action: str, url: str | None) -> int:
    engine = make_engine(resolve_url(url))
    state, current = schema_state(engine)
    where = engine.url.render_as_string(hide_password=True)
    print(f"{where}: {state.value} ({current} → {head_revision()})")
    if action == "upgrade":
        upgrade(engine)
        print(_("数据库已升级到最新版本"))
    engine.dispose()
    return 0


_VERIFY_EXIT = {
    Verdict.VALID: 0,
    Verdict.SUPERSEDED: 1,
    Verdict.VOIDED: 1,
    Verdict.NOT_ISSUED: 1,
    Verdict.NOT_OURS: 3,
    Verdict.ALTERED: 4,
}


def _verify_command(text: str, url: str | None) -> int:
    database = open_database(url)
    try:
        check = read(database, lambda s: verify_certificate(s, text))
    finally:
        database.dispose()
    print(check.text())
    return _VERIFY_EXIT[check.verdict]


def _export_public_key(url: str | None, out: Path | None) -> int:
    database = open_database(url)
    try:
        pem = run_action(database, lambda s: export_public_keys(s, SystemClock()))
    finally:
        database.dispose()
    if out is None:
        print(pem, end="")
    else:
        out.write_text(pem, encoding="ascii")
        print(_("公钥已导出到 {path}").format(path=out))
    return 0


def _ledger_command(args: argparse.Namespace) -> int:
    password = getpass.getpass(_("密码：")) if args.action == "import" else ""
    database = open_database(args.db)
    try:
        if args.action == "export":
            data = read(database, lambda s: export_ledger_xlsx(s, args.customer))
            args.file.write_bytes(data)
            print(_("台账已导出到 {path}").format(path=args.file))
        elif args.action == "import":
            content = args.file.read_bytes()
            with user_action(database) as session:
                actor = authenticate(session, args.user, password)
                done = import_ledger(
                    session, actor, SystemClock(), args.customer, content, args.file.name
                )
            print(
                _("台账已导入：新增 {added}，更新 {updated}，未变 {unchanged}").format(
                    added=done.added, updated=done.updated, unchanged=done.unchanged
                )
            )
        else:
            changed = run_action(database, lambda s: rebuild_due(s, SystemClock()))
            print(_("已重算下次检定日期：{n} 条有变化").format(n=changed))
    finally:
        database.dispose()
    return 0


#: the areas whose subcommands take the parsed arguments and an open database
AREA_COMMANDS: dict[str, Callable[[argparse.Namespace, Database], int]] = {
    "recall": recall_command,
    "appointments": appointments_command,
    "stats": stats_command,
    "complaints": feedback_command,
    "ratings": feedback_command,
    "onsite": onsite_command,
}


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if "--lang" in arguments[:-1]:  # help texts in the language asked for
        asked = arguments[arguments.index("--lang") + 1]
        set_language(asked if asked in LANGUAGES else "zh")
    args = _parser().parse_args(argv)
    set_language(args.lang)
    try:
        if args.command == "db":
            return _db_command(args.action, args.db)
        if args.command == "demo":
            from counter.demo import open_demo_database

            path = args.path_option or args.path or Path("counter-demo.db")
            url, users = open_demo_database(path)
            print(url)
            for username, password, role in users:
                print(f"{username}\t{password}\t{role}")
            return 0
        if args.command == "create-admin":
            password = getpass.getpass(_("密码："))
            database = open_database(args.db)
            with user_action(database) as session:
                create_user(
                    session,
                    None,
                    SystemClock(),
                    username=args.username,
                    full_name=args.full_name,
                    password=password,
                    roles=frozenset({Role.ADMIN}),
                )
            print(_("管理员已创建"))
            return 0
        if args.command == "scan":
            database = open_database(args.db)
            hit = read(database, lambda s: lookup(s, args.code))
            print(hit if hit else unknown_code_message(args.code))
            return 0 if hit else 1
        if args.command == "audit":
            database = open_database(args.db)
            try:
                report = read(database, verify_chain)
            finally:
                database.dispose()
            print(report.message(), file=sys.stdout if report.ok else sys.stderr)
            return 0 if report.ok else 1
        if args.command == "backup":
            return _backup_command(args.db, args.to)
        if args.command == "restore":
            print(restore_backup(args.backup, args.to).message())
            return 0
        if args.command == "verify-certificate":
            return _verify_command(args.text, args.db)
        if args.command == "key":
            return _export_public_key(args.db, args.out)
        area = AREA_COMMANDS.get(args.command)
        if area is not None:  # an area's own commands, on a database opened for them
            database = open_database(args.db)
            try:
                return area(args, database)
            finally:
                database.dispose()
        if args.command == "outbox":
            return _outbox_list(args) if args.action == "list" else _outbox_send(args)
        if args.command == "ledger":
            return _ledger_command(args)
    except CounterError as error:
        print(str(error), file=sys.stderr)
        return 2
    return 1


if __name__ == "__main__":
    sys.exit(main())
