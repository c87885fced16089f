"""Sample data for printing tests: what a counter would really print."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from printing.common import InstituteInfo
from printing.label import LabelData
from printing.receipt_data import ReceiptData, ReceiptItem

INSTRUMENTS = (
    "数字式电子血压计（上臂式）",
    "电子天平",
    "出租汽车计价器",
    "燃油加油机",
    "一般压力表",
    "可燃气体检测报警器（点型，工业用，含远程报警装置与配套电源适配器）",
    "焦度计",
)
DEPARTMENTS = ("医疗", "衡器", "长度", "温度", "化学", "电磁")
TERMS = (
    "1. 请凭本回执取件，遗失请持身份证件到收发室办理挂失。\n"
    "2. 约定日期按工作日计算，遇法定节假日顺延。\n"
    "3. 检定完成后请于 30 日内取回，逾期本所不承担保管责任。"
)
INSTITUTE = InstituteInfo(
    name="聊城市计量测试所",
    address="山东省聊城市东昌府区柳园南路 88 号",
    phone="0635-8888888",
    authorisation_no="（鲁）法计（2023）01001号",
    terms=TERMS,
)
PROMISED = datetime.date(2026, 11, 30)
RECEIVED = datetime.datetime(
    2026, 11, 23, 9, 41, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
)


def label(n: int = 1, *, urgent: bool = False, **changes: Any) -> LabelData:
    """Label number ``n`` of the sample order; keyword arguments replace fields."""
    base = LabelData(
        item_number=f"20261000123-{n:02d}",
        order_number="20261000123",
        instrument_name=INSTRUMENTS[n % len(INSTRUMENTS)],
        customer_short="聊城市人民医院",
        department=DEPARTMENTS[n % len(DEPARTMENTS)],
        promised_date=PROMISED,
        urgent=urgent,
    )
    return dataclasses.replace(base, **changes)


def receipt_item(n: int) -> ReceiptItem:
    return ReceiptItem(
        item_number=f"20261000123-{n:03d}",
        instrument_name=INSTRUMENTS[n % len(INSTRUMENTS)],
        model="HBP-1300" if n % 3 else "YE-660B 0～300 mmHg",
        serial=f"SN{n:08d}",
        service="检定" if n % 4 else "校准",
        department=DEPARTMENTS[n % len(DEPARTMENTS)],
        promised_date=PROMISED,
        urgent=n % 5 == 0,
        quantity_note="附电源线、袖带 2 条" if n % 9 == 0 else "",
    )


def receipt(items: int = 5, **changes: Any) -> ReceiptData:
    """A receipt for ``items`` sample instruments; keyword arguments replace fields."""
    base = ReceiptData(
        order_number="20261000123",
        customer_name="聊城市人民医院（东院区）设备科",
        customer_phone="13906351234",
        customer_contact="王建国",
        received_at=RECEIVED,
        clerk="张敏",
        items=tuple(receipt_item(n) for n in range(1, items + 1)),
        promised_date=PROMISED,
        institute=INSTITUTE,
        note="客户要求随仪器附原证书复印件",
    )
    return dataclasses.replace(base, **changes)
