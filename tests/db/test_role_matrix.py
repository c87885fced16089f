"""Who may do what: every public action of `counter/` against the role matrix.

An action is a public function of `counter/` that takes an `actor`.  The table says which
permission each one needs; the test calls each action as every role that lacks it (and as
a user with no role) and expects a refusal *before anything else happens*: the arguments
are dummies, so an action that looks at them before checking the permission fails here.
A new public action without a row fails the first test.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import counter
from counter.admin.rules.roles import ROLE_PERMS, Actor, Perm, Role
from counter.clock import Clock
from counter.errors import PermissionDenied
from counter.intake.rules.lifecycle import ItemStatus
from db.engine import Database
from tests.conftest import Counter, add_user

#: Not actions: helpers an action calls after its own check (the reason is the row).
HELPERS = {
    "counter.admin.audit.write.record": "the audit writer, called by actions that audited",
    "counter.admin.audit.write.keyed_entry": "the audit writer, for an entry the action's own "
    "statement appends",
    "counter.admin.auth.require": "the check itself",
    "counter.admin.auth.require_any": "the check itself, for any of several permissions",
    "counter.billing.lines.audit_changes": "audits a line change inside issue/reissue",
    "counter.intake.label_printing.record_label_outcome": "a printer's answer, inside print_labels",
    "counter.archive.outbox.draft_message": "a message, inside draft_reminders/draft_ready_message",
    "counter.archive.outbox.move": "a message's status, inside mark_* / cancel / send_batch",
    "counter.statistics.reports.report_kinds": "which reports a user may choose (no data)",
}

STATS = frozenset({Perm.BILL, Perm.REVIEW, Perm.ADMIN})  # statistics

#: Every action and the permission it needs (a set: any one of them).
MATRIX: dict[str, Perm | frozenset[Perm]] = {
    "counter.intake.item_status.move_item_status": Perm.LAB_WORK,  # called with new=in_lab (ARGS)
    "counter.certificates.store.move_item": frozenset({Perm.LAB_WORK, Perm.REVIEW}),
    "counter.reports.audit_log.list_audit": Perm.ADMIN,
    "counter.reports.audit_log.check_audit_log": Perm.ADMIN,
    "counter.reports.audit_export.audit_csv": Perm.ADMIN,
    "counter.admin.auth.create_user": Perm.ADMIN,
    "counter.admin.backup.save_backup_settings": Perm.ADMIN,
    "counter.billing.payments.record_payment": Perm.BILL,
    "counter.billing.payments.record_refund": Perm.BILL,
    "counter.billing.schedule.import_fee_schedule": Perm.ADMIN,
    "counter.billing.settings.save_fee_policy": Perm.ADMIN,
    "counter.billing.settings.save_payment_details": Perm.ADMIN,
    "counter.billing.statements.issue_statement": Perm.BILL,
    "counter.billing.statements.void_statement": Perm.BILL,
    "counter.billing.statements.reissue_statement": Perm.BILL,
    "counter.admin.calendar.set_day": Perm.ADMIN,
    "counter.certificates.imports.import_certificates_json": Perm.LAB_WORK,
    "counter.certificates.imports.import_certificate_files": Perm.LAB_WORK,
    "counter.certificates.registers.save_standard": Perm.ADMIN,
    "counter.certificates.registers.set_standard_active": Perm.ADMIN,
    "counter.certificates.registers.grant_authorisation": Perm.ADMIN,
    "counter.certificates.registers.revoke_authorisation": Perm.ADMIN,
    "counter.certificates.regulations.save_regulation": Perm.ADMIN,
    "counter.certificates.regulations.import_regulations": Perm.ADMIN,
    "counter.certificates.review.open_review": Perm.REVIEW,
    "counter.certificates.review.override_defect": Perm.REVIEW,
    "counter.certificates.review.pass_certificate": Perm.REVIEW,
    "counter.certificates.review.send_back": Perm.REVIEW,
    "counter.certificates.service.save_certificate": Perm.LAB_WORK,
    "counter.certificates.service.reissue_certificate": Perm.LAB_WORK,
    "counter.certificates.service.void_certificate": Perm.LAB_WORK,
    "counter.certificates.worklist.lab_work_list": Perm.LAB_WORK,
    "counter.customers.records.create_customer": Perm.EDIT_CUSTOMER,
    "counter.customers.records.update_customer": Perm.EDIT_CUSTOMER,
    "counter.intake.documents.mark_printed": Perm.RECEIVE,
    "counter.intake.receive.save_order": Perm.RECEIVE,
    "counter.intake.label_printing.record_no_printer": Perm.RECEIVE,
    "counter.intake.label_printing.print_labels": Perm.RECEIVE,
    "counter.intake.item_status.set_item_status": Perm.CORRECT_ITEM,
    "counter.certificates.signing_keys.rotate_signing_key": Perm.ADMIN,
    "counter.intake.corrections.void_item": Perm.VOID,
    "counter.intake.corrections.void_order": Perm.VOID,
    "counter.intake.corrections.correct_item": Perm.CORRECT_ITEM,
    "counter.release.exceptions.return_unprocessed": Perm.RECEIVE,
    "counter.release.exceptions.release_against_unpaid": Perm.REVIEW,
    "counter.release.handover.pickup": Perm.RELEASE,
    "counter.release.handover.mail_dispatch": Perm.RELEASE,
    "counter.release.handover.hand_over": Perm.RELEASE,
    "counter.admin.settings.save_settings": Perm.ADMIN,
    "counter.admin.users.list_user_rows": Perm.ADMIN,
    "counter.admin.users.set_roles": Perm.ADMIN,
    "counter.admin.users.deactivate_user": Perm.ADMIN,
    "counter.admin.users.activate_user": Perm.ADMIN,
    "counter.admin.users.reset_password": Perm.ADMIN,
    "counter.archive.reminder_rules.set_reminder_rule": Perm.ADMIN,
    "counter.archive.templates.set_template": Perm.ADMIN,
    "counter.archive.outbox.draft_reminders": Perm.EDIT_CUSTOMER,
    "counter.archive.outbox.mark_sent": Perm.EDIT_CUSTOMER,
    "counter.archive.outbox.mark_failed": Perm.EDIT_CUSTOMER,
    "counter.archive.outbox.mark_answered": Perm.EDIT_CUSTOMER,
    "counter.archive.outbox.cancel": Perm.EDIT_CUSTOMER,
    "counter.archive.sending.send_batch": Perm.EDIT_CUSTOMER,
    "counter.release.message.draft_ready_message": Perm.RELEASE,
    "counter.archive.ledger.add_entry": Perm.EDIT_LEDGER,
    "counter.archive.ledger.update_entry": Perm.EDIT_LEDGER,
    "counter.archive.ledger.set_status": Perm.EDIT_LEDGER,
    "counter.archive.ledger_xlsx.import_ledger": Perm.EDIT_LEDGER,
    "counter.archive.notes.add_note": Perm.EDIT_CUSTOMER,
    "counter.feedback.ratings.record_rating": Perm.RATE,
    "counter.feedback.ratings.correct_rating": Perm.RATE,
    "counter.feedback.complaints.add_complaint": Perm.COMPLAINTS,
    "counter.feedback.complaints.start_handling": Perm.COMPLAINTS,
    "counter.feedback.complaints.answer_complaint": Perm.COMPLAINTS,
    "counter.feedback.complaints.call_back": Perm.COMPLAINTS,
    "counter.feedback.complaints.withdraw_complaint": Perm.COMPLAINTS,
    "counter.feedback.complaints.close_complaint": Perm.CLOSE_COMPLAINT,
    "counter.appointments.sectors.save_sector": Perm.ADMIN,
    "counter.appointments.sectors.save_catalogue_line": Perm.ADMIN,
    "counter.appointments.capacity.set_capacity": Perm.ADMIN,
    "counter.appointments.capacity.add_closure": Perm.ADMIN,
    "counter.appointments.capacity.lift_closure": Perm.ADMIN,
    "counter.appointments.booking.book": Perm.RECEIVE,
    "counter.appointments.status.cancel": Perm.RECEIVE,
    "counter.appointments.status.mark_no_show": Perm.RECEIVE,
    "counter.appointments.status.mark_arrived": Perm.RECEIVE,
    "counter.appointments.status.move": Perm.RECEIVE,
    "counter.appointments.notices.draft_confirmation": Perm.RECEIVE,
    "counter.appointments.notices.draft_reminders_for": Perm.RECEIVE,
    "counter.appointments.prefill.intake_prefill": Perm.RECEIVE,
    "counter.appointments.prefill.receive_booked": Perm.RECEIVE,
    "counter.appointments.prefs.set_preferences": Perm.EDIT_CUSTOMER,
    "counter.appointments.prefs.block_dates": Perm.EDIT_CUSTOMER,
    "counter.appointments.prefs.unblock_dates": Perm.EDIT_CUSTOMER,
    "counter.appointments.planning.propose_plan": Perm.RECEIVE,
    "counter.appointments.planning.accept_plan": Perm.RECEIVE,
    "counter.onsite.jobs.create_job": Perm.RECEIVE,
    "counter.onsite.jobs.add_instruments": Perm.RECEIVE,
    "counter.onsite.jobs.start_job": frozenset({Perm.LAB_WORK, Perm.RECEIVE}),
    "counter.onsite.jobs.finish_job": frozenset({Perm.LAB_WORK, Perm.RECEIVE}),
    "counter.onsite.jobs.cancel_job": Perm.RECEIVE,
    "counter.onsite.schedule.schedule_job": Perm.RECEIVE,
    "counter.onsite.schedule.urgent_job": Perm.RECEIVE,
    "counter.onsite.items.number_items": Perm.RECEIVE,
    "counter.onsite.items.bill_job": Perm.BILL,
    "counter.onsite.items.hand_over_job": Perm.RELEASE,
    "counter.onsite.vehicles.save_vehicle": Perm.ADMIN,
    "counter.onsite.campaigns.plan_campaign": Perm.RECEIVE,
    "counter.statistics.reports.run_report": STATS,
    "counter.statistics.saved.save_report": STATS,
    "counter.statistics.saved.list_saved": STATS,
    "counter.statistics.saved.retire_saved": STATS,
    "counter.statistics.saved.rerun_saved": STATS,
    "counter.statistics.people.work_per_person": Perm.ADMIN,
    "counter.statistics.people.people_table": Perm.ADMIN,
}


#: Arguments that choose which permission a call needs (the others stay dummies).
ARGS: dict[str, dict[str, Any]] = {
    "counter.intake.item_status.set_item_status": {"new": ItemStatus.ON_HOLD},
    "counter.intake.item_status.move_item_status": {"new": ItemStatus.IN_LAB},
}


def _needs(perm: Perm | frozenset[Perm]) -> frozenset[Perm]:
    return perm if isinstance(perm, frozenset) else frozenset({perm})


def public_actions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for info in pkgutil.walk_packages(counter.__path__, "counter."):
        if ".locale" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, function in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(function):
                continue
            if function.__module__ != module.__name__:
                continue
            if "actor" in inspect.signature(function).parameters:
                yield f"{module.__name__}.{name}", function


ACTIONS = dict(public_actions())


def test_every_public_action_has_a_row() -> None:
    missing = sorted(set(ACTIONS) - set(MATRIX) - set(HELPERS))
    assert not missing, "public actions with no row in the role matrix:\n" + "\n".join(missing)
    gone = sorted((set(MATRIX) | set(HELPERS)) - set(ACTIONS))
    assert not gone, "rows for actions that no longer exist:\n" + "\n".join(gone)


def _call(function: Callable[..., Any], c: Counter, actor: Actor, chosen: dict[str, Any]) -> None:
    """Call with the real session, actor, clock and database; every other argument a dummy."""
    with c.db.action() as session:
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        for parameter in inspect.signature(function).parameters.values():
            known: dict[str, Any] = {
                "session": session,
                "actor": actor,
                "clock": c.clock,
                "database": c.db,
            }
            value = known.get(parameter.name, chosen.get(parameter.name))
            if value is None and parameter.annotation in ("Clock", Clock):
                value = c.clock
            if value is None and parameter.annotation in ("Database", Database):
                value = c.db
            if value is None and parameter.default is not inspect.Parameter.empty:
                continue
            if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
                kwargs[parameter.name] = value
            else:
                args.append(value)
        function(*args, **kwargs)


def test_every_action_refuses_every_role_without_its_permission(counter: Counter) -> None:
    users = {role: add_user(counter, f"u_{role.value}", f"用户{role.value}", role.value)
             for role in Role}  # fmt: skip
    users[None] = add_user(counter, "u_none", "无角色用户", "")  # type: ignore[index]
    refused, failures = 0, []
    for qualified, perm in sorted(MATRIX.items()):
        function = ACTIONS[qualified]
        for role, actor in users.items():
            if role is not None and _needs(perm) & ROLE_PERMS[role]:
                continue
            try:
                _call(function, counter, actor, ARGS.get(qualified, {}))
            except PermissionDenied:
                refused += 1
                continue
            except Exception as error:  # anything else: the check did not come first
                failures.append(f"{qualified} as {role}: {type(error).__name__}: {error}")
                continue
            failures.append(f"{qualified} as {role}: allowed")
    assert not failures, "\n".join(failures)
    assert refused >= len(MATRIX)


@pytest.mark.parametrize("role", list(Role))
def test_the_matrix_agrees_with_what_each_role_is_offered(role: Role) -> None:
    """Every role can do something; an administrator can do everything."""
    allowed = [name for name, perm in MATRIX.items() if _needs(perm) & ROLE_PERMS[role]]
    assert allowed
    if role is Role.ADMIN:
        assert len(allowed) == len(MATRIX)
