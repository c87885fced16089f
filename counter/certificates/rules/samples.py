"""A realistic starter world for certificates: registers, people, intake records.

Used by tests, the benchmarks and demos.  The catalogue comes from the shipped
`counter/data/instrument_catalog.csv`; register dates, environmental limits,
standards and people are *sample* values an institute replaces with its own.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache
from importlib import resources

from counter.certificates.rules.context import (
    Authorisation,
    CatalogEntry,
    CheckContext,
    EnvLimit,
    IntakeRecord,
    OriginalRecord,
    Person,
    Regulation,
    Standard,
    make_context,
)
from counter.certificates.rules.model import ResultRow, Verdict

D = dt.date
TODAY = D(2026, 11, 30)

#: Sample environmental limits by instrument type (the regulation's 检定条件).
ENV_LIMITS: dict[str, tuple[EnvLimit, ...]] = {
    "电子计价秤": (EnvLimit("温度", -10, 40, "℃"),),
    "血压计和血压表": (EnvLimit("温度", 15, 25, "℃"), EnvLimit("湿度", None, 85, "%RH")),
    "一般压力表": (EnvLimit("温度", 15, 25, "℃"), EnvLimit("湿度", None, 85, "%RH")),
    "燃油加油机": (EnvLimit("温度", -25, 55, "℃"),),
}

REGULATIONS: tuple[Regulation, ...] = (
    Regulation("JJG 539-2016", "数字指示秤", D(2016, 11, 25)),
    Regulation("JJG 270-2008", "血压计和血压表", D(2008, 12, 25)),
    Regulation("JJG 52-2013", "弹性元件式一般压力表、压力真空表和真空表", D(2014, 2, 20)),
    Regulation("JJG 52-1999", "弹性元件式一般压力表、压力真空表和真空表", D(1999, 10, 1),
               D(2014, 2, 20), "JJG 52-2013"),
    Regulation("JJG 443-2015", "燃油加油机", D(2016, 1, 1)),
    Regulation("JJG 443-2006", "燃油加油机", D(2006, 12, 8), D(2016, 1, 1), "JJG 443-2015"),
    Regulation("JJG 99-2022", "砝码", D(2023, 3, 29)),
    Regulation("JJG 4-2015", "钢卷尺", D(2016, 3, 31)),
    Regulation("JJG 692-2010", "无创自动测量血压计", D(2010, 12, 3)),
    Regulation("JJG 693-2011", "可燃气体检测报警器", D(2012, 6, 1)),
    Regulation("JJF 1259-2018", "医用注射泵和输液泵校准规范", D(2018, 6, 27)),
    Regulation("JJG 579-2010", "验光镜片箱", D(2010, 12, 7), D(2025, 8, 8), "JJG 579-2025"),
    Regulation("JJG 579-2025", "验光镜片箱", D(2025, 8, 8)),
    Regulation("QB/T 2443-2011", "钢卷尺", D(2012, 7, 1)),
)  # fmt: skip

STANDARDS: tuple[Standard, ...] = (
    Standard("STD-W-001", "M1 等级砝码", "(1～20) kg", "M1级", "ZJ2026-0312", D(2027, 3, 14)),
    Standard("STD-W-002", "F2 等级砝码", "1 mg～500 g", "F2级", "ZJ2026-0313", D(2027, 3, 14)),
    Standard("STD-W-003", "M1 等级砝码（旧）", "(1～20) kg", "M1级", "ZJ2025-0188", D(2026, 6, 30)),
    Standard("STD-P-001", "精密压力表", "(0～6) MPa", "0.25级", "YL2026-0457", D(2027, 5, 19)),
    Standard("STD-M-001", "数字压力计", "(0～50) kPa", "0.05级", "YL2026-0921", D(2027, 9, 2)),
    Standard("STD-F-001", "二等标准金属量器", "20 L", "MPE: ±0.025%", "RL2026-0077",
             D(2027, 4, 10)),
    Standard("STD-C-001", "输液设备分析仪", "(1～1000) mL/h", "U=0.8% (k=2)", "JZ2026-1150",
             D(2027, 8, 31)),
    Standard("STD-L-001", "标准钢卷尺", "(0～50) m", "MPE: ±(0.03+0.03L) mm", "CD2026-0401",
             D(2027, 2, 28)),
)  # fmt: skip

PERSONS: tuple[Person, ...] = (
    Person("zhangwei", "张伟"),
    Person("liuyang", "刘洋"),
    Person("wangfang", "王芳"),
    Person("chenjing", "陈静"),
    Person("lina", "李娜"),
    Person("zhaolei", "赵磊"),
    Person("sunli", "孙丽"),  # quality supervisor: reviews, signs nothing
)

_SIGNERS: dict[str, tuple[str, ...]] = {
    "电子计价秤": ("zhangwei", "liuyang", "wangfang"),
    "血压计和血压表": ("chenjing", "liuyang", "wangfang"),
    "一般压力表": ("lina", "zhaolei", "wangfang"),
    "燃油加油机": ("zhaolei", "zhangwei", "wangfang"),
    "医用注射泵和输液泵": ("chenjing", "lina", "wangfang"),
    "钢卷尺": ("lina", "liuyang", "wangfang"),
}


def _authorisations() -> tuple[Authorisation, ...]:
    grants = [
        Authorisation(person, kind, D(2029, 12, 31))
        for kind, people in _SIGNERS.items()
        for person in people
    ]
    # an authorisation that ran out: 李娜 for 血压计 until mid-2026
    grants.append(Authorisation("lina", "血压计和血压表", D(2026, 6, 30)))
    return tuple(grants)


RECEIVED = D(2026, 11, 23)


def _intake(n: int, kind: str, name: str, model: str, serial: str, maker: str,
            customer: str, compulsory: bool, cls: str = "", order: str = "20261000123",
            received: dt.date = RECEIVED) -> IntakeRecord:  # fmt: skip
    return IntakeRecord(
        f"{order}{n:03d}", kind, customer, name, model, serial, maker, received, compulsory, cls
    )


MARKET = "聊城市东昌府区古楼农贸市场经营管理有限公司"
HOSPITAL = "聊城市人民医院"
FACTORY = "山东鲁西化工装备有限公司"
STATION = "中国石化销售股份有限公司山东聊城石油分公司东关加油站"
DAHUA = "上海大华电子秤厂"
YUWELL = "江苏鱼跃医疗设备股份有限公司"
HONGQI = "红旗仪表有限公司"
TOKHEIM = "托肯恒山科技（广州）有限公司"
SHENKE = "深圳市深科医疗器械技术开发有限公司"
SCALE, BP, GAUGE = "电子计价秤", "血压计和血压表", "一般压力表"
FUEL, PUMP = "燃油加油机", "医用注射泵和输液泵"

INTAKE: tuple[IntakeRecord, ...] = (
    _intake(1, SCALE, SCALE, "ACS-15", "A123", DAHUA, MARKET, True, "Ⅲ"),
    _intake(2, SCALE, SCALE, "ACS-30", "B2290417", "凯丰集团有限公司", MARKET, True, "Ⅲ"),
    _intake(3, SCALE, SCALE, "TCS-150", "T150-0886", "永康市华鹰衡器有限公司", MARKET, True, "Ⅲ"),
    _intake(4, BP, "台式血压计", "XJ11D", "0211873", YUWELL, HOSPITAL, True, "±0.5 kPa",
            order="20261000124"),
    _intake(5, BP, "台式血压计", "XJ11D", "0211874", YUWELL, HOSPITAL, True, "±0.5 kPa",
            order="20261000124"),
    _intake(6, GAUGE, GAUGE, "Y-100 (0～1.6) MPa", "P16-20417", HONGQI, FACTORY, True, "1.6",
            order="20261000125"),
    _intake(7, GAUGE, GAUGE, "Y-60 (0～2.5) MPa", "P25-11092", HONGQI, FACTORY, True, "2.5",
            order="20261000125"),
    _intake(8, GAUGE, GAUGE, "Y-150 (0～4) MPa", "P40-00315", "上海自动化仪表四厂", FACTORY,
            False, "1.6", order="20261000125"),
    _intake(9, FUEL, FUEL, "CS46", "TK-2019-4471", TOKHEIM, STATION, True, "0.3",
            order="20264000126"),
    _intake(10, FUEL, FUEL, "CS46", "TK-2019-4472", TOKHEIM, STATION, True, "0.3",
            order="20264000126"),
    _intake(11, PUMP, "输液泵", "SK-600II", "SK6A-190233", SHENKE, HOSPITAL, False,
            order="20261000124"),
    _intake(12, PUMP, "注射泵", "SK-500III", "SK5C-210877", SHENKE, HOSPITAL, False,
            order="20261000124"),
    _intake(13, "钢卷尺", "钢卷尺", "5 m", "GJC-5-0091", "宁波长城精工实业有限公司", FACTORY,
            False, "Ⅱ", order="20261000125"),
    _intake(14, SCALE, SCALE, "ACS-6", "C0061122", DAHUA, MARKET, True, "Ⅲ"),
)  # fmt: skip

#: Certificates issued before (their numbers are taken).
USED_NUMBERS = ("20261000098001", "20261000098002", "20261000123099", "20261000124005")

#: Results of the scale 20261000123001 (JJG 539-2016, Max 15 kg, e = 5 g).
SCALE_RESULTS: tuple[ResultRow, ...] = (
    ResultRow("外观检查", measured="符合要求"),
    ResultRow("称量示值误差", "100", "100", "0.0", "±2.5", unit="g"),
    ResultRow("称量示值误差", "2000", "2000", "+0.5", "±2.5", unit="g"),
    ResultRow("称量示值误差", "5000", "5000", "+1.5", "±5.0", unit="g"),
    ResultRow("称量示值误差", "10000", "10000", "−2.0", "±5.0", unit="g"),
    ResultRow("称量示值误差", "15000", "15005", "+3.0", "±7.5", unit="g"),
    ResultRow("偏载误差", "5000", "5000", "+2.5", "±5.0", unit="g"),
    ResultRow("重复性", "10000", "10000", "2.0", "±5.0", unit="g"),
)

RECORDS: tuple[OriginalRecord, ...] = (
    OriginalRecord("HQ-2026-11-0419", "20261000123001", D(2026, 11, 24), Verdict.PASS,
                   SCALE_RESULTS),
    OriginalRecord("HQ-2026-11-0420", "20261000123002", D(2026, 11, 24), Verdict.PASS),
)  # fmt: skip


@lru_cache(maxsize=1)
def sample_catalog() -> tuple[CatalogEntry, ...]:
    """The shipped starter catalogue with the sample environmental limits."""
    text = resources.files("counter.data").joinpath("instrument_catalog.csv").read_text("utf-8")
    return tuple(
        CatalogEntry(
            row["name"],
            row["regulation"],
            int(row["period_months"]) if row["period_months"].strip() else None,
            frozenset(u for u in row["compulsory_uses"].split("|") if u),
            ENV_LIMITS.get(row["name"], ()),
        )
        for row in csv.DictReader(text.splitlines())
    )


def signers(instrument_type: str) -> tuple[str, str, str]:
    """(verifier, checker, approver) authorised for the type in the sample register."""
    verifier, checker, approver = _SIGNERS[instrument_type]
    return verifier, checker, approver


def sample_context(today: dt.date = TODAY, **changes: object) -> CheckContext:
    """A context over every sample register; keyword arguments replace one register."""
    registers: dict[str, object] = {
        "intake": INTAKE,
        "catalog": sample_catalog(),
        "regulations": REGULATIONS,
        "standards": STANDARDS,
        "authorisations": _authorisations(),
        "persons": PERSONS,
        "used_numbers": USED_NUMBERS,
        "records": RECORDS,
    }
    registers.update(changes)
    return make_context(today, **registers)  # type: ignore[arg-type]
