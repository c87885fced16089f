"""The defect codes: one row per check, stable once released (the UI and audits keep them).

Codes read "C<rule>-<WHAT>", <rule> being the number of the rule in DOMAIN.md
("Certificates"); C18–C20 are the auditors' extra findings.  Severity and
overridability belong to the code, so a supervisor sees the same code behave the
same way every time.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter.certificates.rules.defects import Defect, Severity, render
from counter.locale.en_certificates import EN

B, W = Severity.BLOCKING, Severity.WARNING

SEALS = "《计量检定印、证管理办法》"
COVER = "国质检量函〔2005〕861号"
JJF1069 = "JJF 1069-2012"
G = "JJF 1002-2010 附录 G"
ISO = "ISO/IEC 17025:2017"
PEOPLE = "《计量检定人员管理办法》"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    title: str  # Chinese; English in en_certificates
    severity: Severity
    overridable: bool
    clause: str

    @property
    def title_en(self) -> str:
        return EN[self.title]


_TABLE: tuple[tuple[str, str, Severity, bool, str], ...] = (
    ("C01-TYPE-RESULT", "证书类型与检定结果矛盾", B, False, f"{SEALS}; {JJF1069}"),
    ("C01-RESULT-EXCEEDS", "结果超出最大允许误差却判合格", B, True, f"{JJF1069}; 检定规程"),
    ("C01-COMPULSORY-CALIBRATION", "强制检定器具只出具校准证书", B, False, "《计量法》第九条"),
    ("C02-CONCLUSION-WORDING", "检定结论用语不规范", B, False, f"{COVER}; {JJF1069}"),
    ("C02-CLASS-BETTER", "结论等级高于器具准确度等级", B, False, f"{JJF1069}; 检定规程"),
    ("C02-CLASS-DOWNGRADE", "结论等级低于器具等级且未说明降级", B, True, f"{JJF1069}; 检定规程"),
    ("C02-CLASS-MISMATCH", "结论等级与器具准确度等级不同", W, False, JJF1069),
    ("C03-VALID-MISSING", "检定证书缺有效期", B, False, f"{COVER}; {JJF1069}"),
    ("C03-VALID-ON-NOTICE", "检定结果通知书不应有有效期", B, False, f"{SEALS}; {JJF1069}"),
    ("C03-VALID-TOO-LONG", "有效期超过规程检定周期", B, False, "检定规程 检定周期"),
    ("C03-VALID-BEFORE", "有效期早于检定日期", B, False, JJF1069),
    ("C04-INTERVAL-UNREQUESTED", "校准证书未经客户要求给出复校间隔", B, False, f"{ISO} 7.8.4.3"),
    ("C04-CONFORMITY-UNREQUESTED", "校准证书未经客户要求作符合性判定", B, False, f"{ISO} 7.1.3"),
    ("C04-CONFORMITY-BASIS", "符合性声明未写明规范和判定规则", B, False, f"{ISO} 7.8.6.2"),
    (
        "C05-SIGNATORY-MISSING",
        "缺少检定员、核验员或批准人",
        B,
        False,
        f"{JJF1069}; {ISO} 7.8.2.1 o)",
    ),
    ("C05-SIGNATORY-SAME", "检定员、核验员、批准人为同一人", B, False, JJF1069),
    ("C05-PERSON-UNKNOWN", "签字人不在人员名册中", B, False, PEOPLE),
    ("C05-NOT-AUTHORISED", "签字人未获该器具的授权", B, False, f"{PEOPLE}; {JJF1069}"),
    ("C05-AUTH-EXPIRED", "签字人授权在检定日已过期", B, False, f"{PEOPLE}; {JJF1069}"),
    ("C06-NUMBER-MISSING", "缺证书编号", B, False, f"{ISO} 7.8.2.1 d)"),
    ("C06-NUMBER-FORMAT", "证书编号格式不符合本所编号规则", B, False, f"{ISO} 7.8.2.1 d)"),
    ("C06-NUMBER-USED", "证书编号已被使用", B, False, f"{ISO} 7.8.2.1 d)"),
    ("C06-NUMBER-ORDER", "证书编号与收件委托单号不一致", W, False, "本所编号规则"),
    ("C06-PAGES", "页码缺失或不一致", B, False, f"{ISO} 7.8.2.1 d); {G}"),
    ("C07-INTAKE-MISSING", "找不到该器具的收件登记", B, False, f"{ISO} 7.8.2.1 g)"),
    ("C07-INTAKE-MISMATCH", "证书内容与收件登记不一致", B, True, f"{ISO} 7.8.2.1 e) g)"),
    ("C07-CLASS-MISMATCH", "准确度等级与收件登记不一致", W, False, f"{ISO} 7.8.2.1 g)"),
    ("C08-DATE-MISSING", "缺检定日期或签发日期", B, False, f"{ISO} 7.8.2.1 i) j)"),
    ("C08-DATE-ORDER", "日期顺序错误（收件≤检定≤签发）", B, False, f"{ISO} 7.8.2.1 h) i) j)"),
    ("C08-DATE-FUTURE", "检定或签发日期在将来", B, False, f"{ISO} 7.8.2.1 i)"),
    ("C09-REGULATION-MISSING", "缺检定依据", B, False, f"《计量法》第十条; {ISO} 7.8.2.1 f)"),
    ("C09-REGULATION-UNKNOWN", "检定依据不在规程目录中", B, True, "《计量法》第十条"),
    # on a 检定证书 / 通知书 the regulation must be known: no override
    ("C09-REGULATION-UNKNOWN-VERIFICATION", "检定依据不在规程目录中", B, False, "《计量法》第十条"),
    (
        "C09-REGULATION-NOT-CATALOGUE",
        "检定依据不是目录为该器具规定的规程",
        B,
        True,
        "《计量法》第十条",
    ),
    ("C09-REGULATION-SUPERSEDED", "检定依据在检定日已作废或尚未实施", B, False, "《计量法》第十条"),
    ("C10-RECORD-MISSING", "缺原始记录编号", B, False, f"{G}; {ISO} 7.5.1"),
    ("C11-STANDARD-NONE", "未列出所用计量标准", B, False, f"{G}; {ISO} 6.5"),
    ("C11-STANDARD-CERT-MISSING", "计量标准缺证书编号", B, False, f"{G}; {ISO} 7.8.4.1 c)"),
    ("C11-STANDARD-VALIDITY-MISSING", "计量标准缺有效期", B, False, f"{G}; {ISO} 6.4.13"),
    ("C11-STANDARD-EXPIRED", "计量标准在检定日不在有效期内", B, False, f"{ISO} 6.4.7, 6.5"),
    ("C11-STANDARD-UNKNOWN", "计量标准不在标准台账中", B, True, f"{ISO} 6.4.13"),
    ("C11-STANDARD-REGISTER", "计量标准信息与台账不一致", W, False, f"{ISO} 6.4.13"),
    ("C12-LOCATION-MISSING", "缺检定地点", B, False, f"{G}; {ISO} 7.8.2.1 c)"),
    ("C12-ENVIRONMENT-MISSING", "缺环境条件", B, False, f"{G}; {ISO} 7.8.4.1 b)"),
    ("C12-ENVIRONMENT-LIMIT", "环境条件超出规程要求", B, False, f"检定规程 检定条件; {ISO} 6.3.3"),
    ("C13-RESULTS-MISSING", "缺检定结果", B, False, f"{ISO} 7.8.2.1 m)"),
    ("C13-UNIT-MISSING", "结果缺计量单位", B, False, f"{ISO} 7.8.2.1 m)"),
    ("C13-UNCERTAINTY-MISSING", "校准结果缺测量不确定度", B, False, f"{ISO} 7.8.4.1 a)"),
    ("C14-ADJUSTMENT-RESULTS", "调修过的器具缺调修前后结果", B, False, f"{ISO} 7.8.4.1 d); {G}"),
    ("C15-ONLY-ITEM-STATEMENT", "缺“结果仅对所检器具有效”声明", B, False, f"{ISO} 7.8.2.1 l)"),
    ("C16-AMENDMENT-REASON", "替代证书未写修改原因", B, False, f"{ISO} 7.8.8.1"),
    ("C16-AMENDMENT-REFERENCE", "替代证书未注明被替代的证书", B, False, f"{ISO} 7.8.8.3"),
    ("C16-AMENDMENT-UNKNOWN", "被替代的证书编号不存在", B, True, f"{ISO} 7.8.8.3"),
    ("C16-AMENDMENT-NUMBER", "替代证书编号未沿用原编号", W, False, "本所编号规则"),
    ("C17-NOT-REVIEWED", "证书未经最终审核", B, False, f"{ISO} 7.8.1.1"),
    ("C17-REVIEW-NOT-PASSED", "最终审核未通过", B, False, f"{ISO} 7.8.1.1"),
    ("C17-REVIEWER-SIGNED", "审核人是该证书的签字人", B, False, f"{ISO} 7.8.1.1"),
    ("C17-DEFECT-OPEN", "阻断性问题未改正也未说明放行理由", B, False, f"{ISO} 7.8.1.1"),
    ("C18-ACCURACY-WORDING", "“准确度”应写作“准确度等级”", W, False, f"{COVER}; JJF 1001-2011"),
    ("C19-STANDARD-RANGE", "计量标准缺测量范围", W, False, G),
    ("C20-RECORD-MISMATCH", "证书内容与原始记录不符", B, True, f"{JJF1069}; {ISO} 7.5.1"),
)

RULES: dict[str, Rule] = {row[0]: Rule(*row) for row in _TABLE}


def defect(code: str, template: str, at: str = "", /, **values: object) -> Defect:
    """A defect of `code` at field path `at`; its message is `template` filled with `values`."""
    rule = RULES[code]
    zh, en = render(template, values)
    return Defect(code, rule.severity, zh, en, rule.clause, rule.overridable, at)
