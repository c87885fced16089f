"""The defect codes: one row per check, stable once released (the UI and audits keep them).

Codes read "C<rule>-<WHAT>", <rule> being the number of the rule in DOMAIN.md
("Certificates"); C18–C20 are the auditors' extra findings.  Severity and
overridability belong to the code, so a supervisor sees the same code behave the
same way every time.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter.certificates.rules.defects import Defect, Severity, render
from counter.i18n import N_, english

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
    title: str  # Chinese; English in the catalogue
    severity: Severity
    overridable: bool
    clause: str

    @property
    def title_en(self) -> str:
        return english(self.title)


_TABLE: tuple[tuple[str, str, Severity, bool, str], ...] = (
    ("C01-TYPE-RESULT", N_("证书类型与检定结果矛盾"), B, False, f"{SEALS}; {JJF1069}"),
    ("C01-RESULT-EXCEEDS", N_("结果超出最大允许误差却判合格"), B, True, f"{JJF1069}; 检定规程"),
    ("C01-COMPULSORY-CALIBRATION", N_("强制检定器具只出具校准证书"), B, False, "《计量法》第九条"),
    ("C02-CONCLUSION-WORDING", N_("检定结论用语不规范"), B, False, f"{COVER}; {JJF1069}"),
    ("C02-CLASS-BETTER", N_("结论等级高于器具准确度等级"), B, False, f"{JJF1069}; 检定规程"),
    (
        "C02-CLASS-DOWNGRADE",
        N_("结论等级低于器具等级且未说明降级"),
        B,
        True,
        f"{JJF1069}; 检定规程",
    ),
    ("C02-CLASS-MISMATCH", N_("结论等级与器具准确度等级不同"), W, False, JJF1069),
    ("C03-VALID-MISSING", N_("检定证书缺有效期"), B, False, f"{COVER}; {JJF1069}"),
    ("C03-VALID-ON-NOTICE", N_("检定结果通知书不应有有效期"), B, False, f"{SEALS}; {JJF1069}"),
    ("C03-VALID-TOO-LONG", N_("有效期超过规程检定周期"), B, False, "检定规程 检定周期"),
    ("C03-VALID-BEFORE", N_("有效期早于检定日期"), B, False, JJF1069),
    (
        "C04-INTERVAL-UNREQUESTED",
        N_("校准证书未经客户要求给出复校间隔"),
        B,
        False,
        f"{ISO} 7.8.4.3",
    ),
    (
        "C04-CONFORMITY-UNREQUESTED",
        N_("校准证书未经客户要求作符合性判定"),
        B,
        False,
        f"{ISO} 7.1.3",
    ),
    ("C04-CONFORMITY-BASIS", N_("符合性声明未写明规范和判定规则"), B, False, f"{ISO} 7.8.6.2"),
    (
        "C05-SIGNATORY-MISSING",
        N_("缺少检定员、核验员或批准人"),
        B,
        False,
        f"{JJF1069}; {ISO} 7.8.2.1 o)",
    ),
    ("C05-SIGNATORY-SAME", N_("检定员、核验员、批准人为同一人"), B, False, JJF1069),
    ("C05-PERSON-UNKNOWN", N_("签字人不在人员名册中"), B, False, PEOPLE),
    ("C05-NOT-AUTHORISED", N_("签字人未获该器具的授权"), B, False, f"{PEOPLE}; {JJF1069}"),
    ("C05-AUTH-EXPIRED", N_("签字人授权在检定日已过期"), B, False, f"{PEOPLE}; {JJF1069}"),
    ("C06-NUMBER-MISSING", N_("缺证书编号"), B, False, f"{ISO} 7.8.2.1 d)"),
    ("C06-NUMBER-FORMAT", N_("证书编号格式不符合本所编号规则"), B, False, f"{ISO} 7.8.2.1 d)"),
    ("C06-NUMBER-USED", N_("证书编号已被使用"), B, False, f"{ISO} 7.8.2.1 d)"),
    ("C06-NUMBER-ORDER", N_("证书编号与收件委托单号不一致"), W, False, "本所编号规则"),
    ("C06-PAGES", N_("页码缺失或不一致"), B, False, f"{ISO} 7.8.2.1 d); {G}"),
    ("C07-INTAKE-MISSING", N_("找不到该器具的收件登记"), B, False, f"{ISO} 7.8.2.1 g)"),
    ("C07-INTAKE-MISMATCH", N_("证书内容与收件登记不一致"), B, True, f"{ISO} 7.8.2.1 e) g)"),
    ("C07-CLASS-MISMATCH", N_("准确度等级与收件登记不一致"), W, False, f"{ISO} 7.8.2.1 g)"),
    ("C08-DATE-MISSING", N_("缺检定日期或签发日期"), B, False, f"{ISO} 7.8.2.1 i) j)"),
    ("C08-DATE-ORDER", N_("日期顺序错误（收件≤检定≤签发）"), B, False, f"{ISO} 7.8.2.1 h) i) j)"),
    ("C08-DATE-FUTURE", N_("检定或签发日期在将来"), B, False, f"{ISO} 7.8.2.1 i)"),
    ("C09-REGULATION-MISSING", N_("缺检定依据"), B, False, f"《计量法》第十条; {ISO} 7.8.2.1 f)"),
    ("C09-REGULATION-UNKNOWN", N_("检定依据不在规程目录中"), B, True, "《计量法》第十条"),
    # on a 检定证书 / 通知书 the regulation must be known: no override
    (
        "C09-REGULATION-UNKNOWN-VERIFICATION",
        N_("检定依据不在规程目录中"),
        B,
        False,
        "《计量法》第十条",
    ),
    (
        "C09-REGULATION-NOT-CATALOGUE",
        N_("检定依据不是目录为该器具规定的规程"),
        B,
        True,
        "《计量法》第十条",
    ),
    (
        "C09-REGULATION-SUPERSEDED",
        N_("检定依据在检定日已作废或尚未实施"),
        B,
        False,
        "《计量法》第十条",
    ),
    ("C10-RECORD-MISSING", N_("缺原始记录编号"), B, False, f"{G}; {ISO} 7.5.1"),
    ("C11-STANDARD-NONE", N_("未列出所用计量标准"), B, False, f"{G}; {ISO} 6.5"),
    ("C11-STANDARD-CERT-MISSING", N_("计量标准缺证书编号"), B, False, f"{G}; {ISO} 7.8.4.1 c)"),
    ("C11-STANDARD-VALIDITY-MISSING", N_("计量标准缺有效期"), B, False, f"{G}; {ISO} 6.4.13"),
    ("C11-STANDARD-EXPIRED", N_("计量标准在检定日不在有效期内"), B, False, f"{ISO} 6.4.7, 6.5"),
    ("C11-STANDARD-UNKNOWN", N_("计量标准不在标准台账中"), B, True, f"{ISO} 6.4.13"),
    ("C11-STANDARD-REGISTER", N_("计量标准信息与台账不一致"), W, False, f"{ISO} 6.4.13"),
    ("C12-LOCATION-MISSING", N_("缺检定地点"), B, False, f"{G}; {ISO} 7.8.2.1 c)"),
    ("C12-ENVIRONMENT-MISSING", N_("缺环境条件"), B, False, f"{G}; {ISO} 7.8.4.1 b)"),
    (
        "C12-ENVIRONMENT-LIMIT",
        N_("环境条件超出规程要求"),
        B,
        False,
        f"检定规程 检定条件; {ISO} 6.3.3",
    ),
    ("C13-RESULTS-MISSING", N_("缺检定结果"), B, False, f"{ISO} 7.8.2.1 m)"),
    ("C13-UNIT-MISSING", N_("结果缺计量单位"), B, False, f"{ISO} 7.8.2.1 m)"),
    ("C13-UNCERTAINTY-MISSING", N_("校准结果缺测量不确定度"), B, False, f"{ISO} 7.8.4.1 a)"),
    (
        "C14-ADJUSTMENT-RESULTS",
        N_("调修过的器具缺调修前后结果"),
        B,
        False,
        f"{ISO} 7.8.4.1 d); {G}",
    ),
    ("C15-ONLY-ITEM-STATEMENT", N_("缺“结果仅对所检器具有效”声明"), B, False, f"{ISO} 7.8.2.1 l)"),
    ("C16-AMENDMENT-REASON", N_("替代证书未写修改原因"), B, False, f"{ISO} 7.8.8.1"),
    ("C16-AMENDMENT-REFERENCE", N_("替代证书未注明被替代的证书"), B, False, f"{ISO} 7.8.8.3"),
    ("C16-AMENDMENT-UNKNOWN", N_("被替代的证书编号不存在"), B, True, f"{ISO} 7.8.8.3"),
    ("C16-AMENDMENT-NUMBER", N_("替代证书编号未沿用原编号"), W, False, "本所编号规则"),
    ("C17-NOT-REVIEWED", N_("证书未经最终审核"), B, False, f"{ISO} 7.8.1.1"),
    ("C17-REVIEW-NOT-PASSED", N_("最终审核未通过"), B, False, f"{ISO} 7.8.1.1"),
    ("C17-REVIEWER-SIGNED", N_("审核人是该证书的签字人"), B, False, f"{ISO} 7.8.1.1"),
    ("C17-DEFECT-OPEN", N_("阻断性问题未改正也未说明放行理由"), B, False, f"{ISO} 7.8.1.1"),
    ("C18-ACCURACY-WORDING", N_("“准确度”应写作“准确度等级”"), W, False, f"{COVER}; JJF 1001-2011"),
    ("C19-STANDARD-RANGE", N_("计量标准缺测量范围"), W, False, G),
    ("C20-RECORD-MISMATCH", N_("证书内容与原始记录不符"), B, True, f"{JJF1069}; {ISO} 7.5.1"),
)

RULES: dict[str, Rule] = {row[0]: Rule(*row) for row in _TABLE}


def defect(code: str, template: str, at: str = "", /, **values: object) -> Defect:
    """A defect of `code` at field path `at`; its message is `template` filled with `values`."""
    rule = RULES[code]
    zh, en = render(template, values)
    return Defect(code, rule.severity, zh, en, rule.clause, rule.overridable, at)
