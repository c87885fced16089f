"""The customer archive and logging in, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter.admin.auth import authenticate, create_user
from counter.admin.rules.roles import Role
from counter.customers.records import (
    CustomerForm,
    create_customer,
    search_customers,
    update_customer,
)
from counter.errors import CounterError, PermissionDenied, ValidationError
from db.models import AuditEntry
from tests.conftest import PASSWORD, Counter


def _add(counter: Counter, name: str, **kw: str) -> int:
    with counter.db.action() as s:
        return create_customer(s, counter.clerk, counter.clock, CustomerForm(name, **kw)).id


def test_search_by_name_part_pinyin_phone_and_code(counter: Counter) -> None:
    _add(counter, "上海明镜眼镜有限公司", phone="02158881234", credit_code="91310115591693856A")
    _add(counter, "聊城眼科医院", phone="06358000000")
    with counter.db.session() as s:
        assert [h.name for h in search_customers(s, "lcjl")] == ["聊城计量器具有限公司"]
        assert {h.name for h in search_customers(s, "眼镜")} == {"上海明镜眼镜有限公司"}
        assert [h.name for h in search_customers(s, "5888")] == ["上海明镜眼镜有限公司"]
        assert [h.name for h in search_customers(s, "913101155")] == ["上海明镜眼镜有限公司"]
        # prefix matches rank first: "lc" starts 聊城计量 and 聊城眼科
        assert {h.name for h in search_customers(s, "lc")[:2]} == {
            "聊城计量器具有限公司",
            "聊城眼科医院",
        }
        assert search_customers(s, "%") == []
        assert search_customers(s, "   ") == []


def test_initials_typed_as_a_subsequence_rank_after_prefix_matches(counter: Counter) -> None:
    _add(counter, "聊城市计量测试所")  # initials lcsjlcss: "lcjl" leaves out 市
    _add(counter, "聊城眼科医院")
    _add(counter, "临沧建筑劳务公司")  # lcjzlwgs: l…c…j…l too
    _add(counter, "聊城建筑劳务公司")  # the same initials: both found
    with counter.db.session() as s:
        names = [h.name for h in search_customers(s, "lcjl")]
        assert names[0] == "聊城计量器具有限公司"  # a prefix of its initials (lcjlqjyxgs)
        assert set(names[1:]) == {"临沧建筑劳务公司", "聊城建筑劳务公司", "聊城市计量测试所"}
        assert [h.name for h in search_customers(s, "LCSJ")] == ["聊城市计量测试所"]
        assert [h.name for h in search_customers(s, "lcjlcs")] == ["聊城市计量测试所"]
        assert search_customers(s, "cjlc") == []  # the first initial stays first
        assert "聊城市计量测试所" not in [h.name for h in search_customers(s, "lcyk")]


def test_invalid_credit_code_and_duplicates_are_refused(counter: Counter) -> None:
    with pytest.raises(ValidationError) as info, counter.db.action() as s:
        create_customer(
            s,
            counter.clerk,
            counter.clock,
            CustomerForm("某公司", credit_code="91310110666007217A"),
        )
    assert "校验" in str(info.value)
    with pytest.raises(ValidationError, match="已属于客户"), counter.db.action() as s:
        create_customer(
            s,
            counter.clerk,
            counter.clock,
            CustomerForm("另一公司", credit_code="91310110666007217T"),
        )
    with pytest.raises(ValidationError, match="客户名称不能为空"), counter.db.action() as s:
        create_customer(s, counter.clerk, counter.clock, CustomerForm("  "))
    # legacy 15-digit registration numbers and individuals without a code are fine
    _add(counter, "老客户", credit_code="310110000123456")
    _add(counter, "个体户张三")


def test_edit_is_audited_before_and_after(counter: Counter) -> None:
    with counter.db.action() as s:
        update_customer(
            s,
            counter.clerk,
            counter.clock,
            counter.customer_id,
            CustomerForm(
                "聊城计量器具有限公司",
                short_name="聊城计量",
                credit_code="91310110666007217T",
                size="micro",
                phone="13900000000",
            ),
        )
    with counter.db.session() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "customer.update"))
        assert entry is not None
        assert "13800138000" in entry.before and "13900000000" in entry.after
        assert "small" in entry.before and "micro" in entry.after


def test_login_and_first_user(counter: Counter) -> None:
    with counter.db.session() as s:
        actor = authenticate(s, "clerk", PASSWORD)
        assert actor.roles == frozenset({Role.INTAKE})
        with pytest.raises(CounterError, match="用户名或密码错误"):
            authenticate(s, "clerk", "wrong-password")
        with pytest.raises(CounterError, match="用户名或密码错误"):
            authenticate(s, "nobody", PASSWORD)
    with pytest.raises(PermissionDenied), counter.db.action() as s:
        create_user(
            s,
            None,
            counter.clock,
            username="x",
            full_name="X",
            password="12345678",
            roles=frozenset({Role.ADMIN}),
        )
    with pytest.raises(PermissionDenied), counter.db.action() as s:
        create_user(
            s,
            counter.clerk,
            counter.clock,
            username="x",
            full_name="X",
            password="12345678",
            roles=frozenset({Role.INTAKE}),
        )
    with pytest.raises(ValidationError) as info, counter.db.action() as s:
        create_user(
            s,
            counter.admin,
            counter.clock,
            username="clerk",
            full_name="",
            password="short",
            roles=frozenset(),
        )
    assert len(info.value.problems) == 4
