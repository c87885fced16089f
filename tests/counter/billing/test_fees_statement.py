"""The statement: totals and subtotals, Chinese capitals, several orders; payments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.billing.rules.lines import GROUPS
from counter.billing.rules.payments import (
    Payment,
    check_edit_allowed,
    check_payment,
    fees_settled,
    payment_problems,
    payment_status,
)
from counter.billing.rules.policy import FeePolicy
from counter.billing.rules.pricing import (
    CustomerTerms,
    ExtraCharge,
    FeeLineInput,
    PricedLine,
    price_lines,
)
from counter.billing.rules.statement import PaymentDetails, StatementCustomer, build_statement
from counter.errors import ValidationError
from counter.money import chinese_capitals

DAY = dt.date(2026, 11, 23)
AT = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
CUSTOMER = StatementCustomer("聊城计量器具有限公司", "91310110666007217T", "张三", "13800138000")
PAYEE = PaymentDetails("聊城市计量测试所", "中国工商银行聊城分行", "1611001209200012345")


def fee(price: int, order: str = "20261000123", n: int = 1, **changes: Any) -> FeeLineInput:
    values: dict[str, Any] = {
        "item_number": f"{order}-{n:03d}",
        "instrument": "一般压力表",
        "service": "calibration",
        "fee_code": "C-999",
        "unit_price_fen": price,
        "date": DAY,
        "order_number": order,
    }
    values.update(changes)
    return FeeLineInput(**values)


def priced(
    *items: FeeLineInput | ExtraCharge, terms: CustomerTerms | None = None
) -> tuple[PricedLine, ...]:
    return price_lines(items, terms or CustomerTerms(), FeePolicy())


def statement(lines: tuple[PricedLine, ...], **kw: Any) -> Any:
    return build_statement(
        "2026F000123", CUSTOMER, DAY, lines, clerk="李开票", payment_details=PAYEE, **kw
    )


def test_total_subtotals_and_capitals() -> None:
    lines = priced(
        fee(100000, service="verification", n=1),
        fee(50000, service="verification", compulsory=True, n=2),  # free, listed at ¥0
        fee(23050, n=3),
        ExtraCharge(
            "parts", "压力表接头", 5000, item_number="20261000123-003", order_number="20261000123"
        ),
    )
    s = statement(lines)
    assert s.total_fen == 128050 == sum(x.amount_fen for x in s.lines)
    assert s.total_capitals == "壹仟贰佰捌拾元伍角整"
    assert [(t.label, t.amount_fen) for t in s.subtotals] == [
        ("检定", 100000),
        ("校准", 23050),
        ("配件费", 5000),
    ]
    assert len(s.lines) == 4 and s.lines[1].amount_fen == 0
    assert s.order_numbers == ("20261000123",)


def test_capitals_of_a_zero_statement() -> None:
    s = statement(priced(fee(5000, service="verification", compulsory=True)))
    assert (s.total_fen, s.total_capitals) == (0, "零元整")


line_amounts = st.lists(
    st.tuples(st.integers(min_value=0, max_value=10**8), st.sampled_from(GROUPS)),
    min_size=1,
    max_size=40,
)


@given(line_amounts)
def test_total_is_the_sum_of_its_lines(amounts: list[tuple[int, Any]]) -> None:
    lines: list[PricedLine] = []
    for n, (fen, group) in enumerate(amounts):
        if group in ("verification", "calibration", "testing", "repair"):
            lines += priced(fee(fen, n=n, service=group))
        else:
            lines += priced(ExtraCharge(group, "x", fen, order_number="20261000123"))
    s = statement(tuple(lines))
    assert s.total_fen == sum(fen for fen, _g in amounts)
    assert s.total_fen == sum(t.amount_fen for t in s.subtotals)
    assert s.total_capitals == chinese_capitals(s.total_fen)
    assert [t.group for t in s.subtotals] == [g for g in GROUPS if g in {g for _f, g in amounts}]


def test_monthly_billing_groups_lines_by_order_and_is_for_account_customers_only() -> None:
    lines = priced(fee(1000, "A-1"), fee(2000, "B-2"), fee(3000, "A-1", n=2))
    with pytest.raises(ValidationError) as error:
        statement(lines)
    assert error.value.problems == ["多张委托单合并开具清单仅限月结客户"]
    s = statement(lines, account_customer=True)
    assert s.order_numbers == ("A-1", "B-2")
    assert [(x.order_number, x.amount_fen) for x in s.lines] == [
        ("A-1", 1000),
        ("A-1", 3000),
        ("B-2", 2000),
    ]
    assert s.total_fen == 6000


@pytest.mark.parametrize(
    ("number", "lines", "kw", "problem"),
    [
        ("", True, {}, "清单编号不能为空，且只能由字母、数字和符号组成"),
        ("清单1", True, {}, "清单编号不能为空，且只能由字母、数字和符号组成"),
        ("2026F1", False, {}, "清单至少要有一行收费项目"),
        ("2026F1", True, {"replaces": "2026F0"}, "重开清单需要填写原因"),
        (
            "2026F1",
            True,
            {"replaces": "2026F1", "replace_reason": "x"},
            "新清单编号不能与被替代的清单相同",
        ),
    ],
)
def test_statement_refusals(number: str, lines: bool, kw: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError) as error:
        build_statement(
            number,
            CUSTOMER,
            DAY,
            priced(fee(100)) if lines else (),
            clerk="李",
            payment_details=PAYEE,
            **kw,
        )
    assert problem in error.value.problems


def test_reissue_links_the_old_statement() -> None:
    s = statement(priced(fee(100)), replaces="2026F000100", replace_reason="单价录入错误")
    assert (s.replaces, s.replace_reason) == ("2026F000100", "单价录入错误")


# --- payments ------------------------------------------------------------------------------


def pay(fen: int, method: Any = "cash", **kw: Any) -> Payment:
    return Payment(method, fen, AT, **kw)


def test_status_follows_the_payments() -> None:
    assert payment_status(10000, []) == "unpaid"
    assert payment_status(10000, [pay(4000)]) == "partly_paid"
    assert payment_status(10000, [pay(4000), pay(6000, "wechat")]) == "paid"
    assert payment_status(10000, [pay(10000), pay(-10000, reason="客户取消")]) == "unpaid"
    assert payment_status(0, []) == "paid"
    assert payment_status(10000, [pay(10000)], voided=True) == "void"


def test_payment_above_the_amount_due_is_refused_with_the_reason() -> None:
    with pytest.raises(ValidationError) as error:
        check_payment(10000, [pay(4000)], pay(6001))
    assert error.value.problems == ["收款 ¥60.01 超过应收余额 ¥60.00"]
    check_payment(10000, [pay(4000)], pay(6000))
    assert payment_problems(0, [], pay(1)) == ["收款 ¥0.01 超过应收余额 ¥0.00"]


def test_refunds() -> None:
    assert payment_problems(10000, [pay(4000)], pay(-4001, reason="多收")) == [
        "退款 ¥40.01 超过已收金额 ¥40.00"
    ]
    assert payment_problems(10000, [pay(4000)], pay(-1000)) == ["退款需要填写原因"]
    check_payment(10000, [pay(4000)], pay(-4000, reason="多收"))
    check_payment(10000, [pay(4000)], pay(-4000, reason="清单作废"), voided=True)


def test_transfers_and_pos_need_a_reference() -> None:
    assert payment_problems(10000, [], pay(100, "pos")) == ["POS 刷卡需要填写交易流水号"]
    assert payment_problems(10000, [], pay(100, "bank_transfer")) == ["银行转账需要填写交易流水号"]
    check_payment(10000, [], pay(100, "pos", reference="POS-0042"))
    check_payment(10000, [], pay(100, "alipay"))


def test_other_refusals() -> None:
    assert payment_problems(10000, [], pay(0)) == ["金额不能为零"]
    assert payment_problems(10000, [], pay(100), voided=True) == ["清单已作废，不能收款"]
    with pytest.raises(ValueError):
        Payment("cash", 100, dt.datetime(2026, 11, 23, 10, 0))  # no time zone


def test_fees_settled_is_the_return_gate() -> None:
    assert fees_settled(10000, [pay(10000)], voided=False)
    assert not fees_settled(10000, [pay(9999)], voided=False)
    assert not fees_settled(10000, [pay(10000), pay(-100, reason="x")], voided=False)
    assert fees_settled(0, [], voided=False)  # only compulsory verification
    assert not fees_settled(10000, [pay(10000)], voided=True)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("paid", "清单已付清，不能修改；如需更正，请作废后重新开具"),
        ("partly_paid", "清单已部分付款，不能修改；如需更正，请作废后重新开具"),
        ("void", "清单已作废，不能修改"),
    ],
)
def test_edits_of_paid_statements_are_refused(status: Any, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        check_edit_allowed(status)
    assert error.value.problems == [message]
    check_edit_allowed("unpaid")
