"""`python -m counter …`: the counter without a screen (administration and scripting).

python -m counter db status  [--db URL]
python -m counter db upgrade [--db URL]      # the only way a shared database is upgraded
python -m counter demo [--path FILE]
python -m counter create-admin --username NAME --full-name NAME [--db URL]
python -m counter scan CODE [--db URL]
python -m counter verify-certificate "QR TEXT" [--db URL]
    exit 0 valid, 1 superseded / voided / not issued, 3 not ours, 4 altered
python -m counter key export-public [--db URL] [--out FILE]
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from counter.auth import Role, create_user
from counter.certificate_verify import Verdict, verify_certificate
from counter.clock import SystemClock
from counter.database import open_database, read, resolve_url, run_action, user_action
from counter.errors import CounterError
from counter.i18n import _, set_language
from counter.scan import lookup, unknown_code_message
from counter.signing_keys import export_public_keys
from db.engine import make_engine
from db.migrate import head_revision, schema_state, upgrade


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m counter", description=_("计量收发台"))
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    sub = parser.add_subparsers(dest="command", required=True)
    db = sub.add_parser("db")
    db.add_argument("action", choices=("status", "upgrade"))
    db.add_argument("--db")
    demo = sub.add_parser("demo")
    demo.add_argument("--path", type=Path)
    admin = sub.add_parser("create-admin")
    admin.add_argument("--username", required=True)
    admin.add_argument("--full-name", required=True)
    admin.add_argument("--db")
    scan = sub.add_parser("scan")
    scan.add_argument("code")
    scan.add_argument("--db")
    verify = sub.add_parser("verify-certificate")
    verify.add_argument("text")
    verify.add_argument("--db")
    key = sub.add_parser("key")
    key.add_argument("action", choices=("export-public",))
    key.add_argument("--db")
    key.add_argument("--out", type=Path)
    return parser


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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    set_language(args.lang)
    try:
        if args.command == "db":
            return _db_command(args.action, args.db)
        if args.command == "demo":
            from counter.demo import create_demo_database

            url, users = create_demo_database(args.path)
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
        if args.command == "verify-certificate":
            return _verify_command(args.text, args.db)
        if args.command == "key":
            return _export_public_key(args.db, args.out)
    except CounterError as error:
        print(str(error), file=sys.stderr)
        return 2
    return 1


if __name__ == "__main__":
    sys.exit(main())
