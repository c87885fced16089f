"""English for counter/certificates/: defect titles and messages, JSON import errors.

Defect messages carry both languages (`Defect.message_zh` / `message_en`): the
templates below are looked up directly by `counter.certificates.rules.defects.render`.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # --- defect titles (counter/certificates/rules/codes.py) ---
    "证书类型与检定结果矛盾": "Document type contradicts the verification result",
    "结果超出最大允许误差却判合格": "Result exceeds the maximum permissible error but passed",
    "强制检定器具只出具校准证书": (
        "Instrument under compulsory verification given only a calibration certificate"
    ),
    "检定结论用语不规范": "Conclusion not worded as the rules require",
    "结论等级高于器具准确度等级": "Conclusion class better than the instrument's accuracy class",
    "结论等级低于器具等级且未说明降级": (
        "Conclusion class below the instrument's class without a downgrade note"
    ),
    "结论等级与器具准确度等级不同": "Conclusion class differs from the instrument's accuracy class",
    "检定证书缺有效期": "Verification certificate without valid-until date",
    "检定结果通知书不应有有效期": "Verification result notice must not have a valid-until date",
    "有效期超过规程检定周期": "Valid-until beyond the regulation's verification period",
    "有效期早于检定日期": "Valid-until before the verification date",
    "校准证书未经客户要求给出复校间隔": (
        "Calibration interval stated without the customer's request"
    ),
    "校准证书未经客户要求作符合性判定": (
        "Conformity statement on a calibration without the customer's request"
    ),
    "符合性声明未写明规范和判定规则": (
        "Conformity statement without specification and decision rule"
    ),
    "缺少检定员、核验员或批准人": "Verifier, checker or approver missing",
    "检定员、核验员、批准人为同一人": "Verifier, checker and approver not different people",
    "签字人不在人员名册中": "Signatory not in the staff register",
    "签字人未获该器具的授权": "Signatory not authorised for this instrument type",
    "签字人授权在检定日已过期": "Signatory's authorisation expired on the verification date",
    "缺证书编号": "Certificate number missing",
    "证书编号格式不符合本所编号规则": (
        "Certificate number does not follow the institute's numbering"
    ),
    "证书编号已被使用": "Certificate number already used",
    "证书编号与收件委托单号不一致": "Certificate number does not belong to the item's order",
    "页码缺失或不一致": "Page numbering missing or inconsistent",
    "找不到该器具的收件登记": "No intake record for this item",
    "证书内容与收件登记不一致": "Certificate differs from the intake record",
    "准确度等级与收件登记不一致": "Accuracy class differs from the intake record",
    "缺检定日期或签发日期": "Date performed or date of issue missing",
    "日期顺序错误（收件≤检定≤签发）": "Dates out of order (received ≤ performed ≤ issued)",
    "检定或签发日期在将来": "Date performed or issued in the future",
    "缺检定依据": "Regulation or specification missing",
    "检定依据不在规程目录中": "Regulation not in the register",
    "检定依据不是目录为该器具规定的规程": (
        "Regulation is not the one the catalogue names for this instrument"
    ),
    "检定依据在检定日已作废或尚未实施": "Regulation not in force on the verification date",
    "缺原始记录编号": "Original record number missing",
    "未列出所用计量标准": "No measurement standard listed",
    "计量标准缺证书编号": "Standard without its certificate number",
    "计量标准缺有效期": "Standard without its validity",
    "计量标准在检定日不在有效期内": "Standard not valid on the verification date",
    "计量标准不在标准台账中": "Standard not in the standards register",
    "计量标准信息与台账不一致": "Standard differs from the standards register",
    "缺检定地点": "Location missing",
    "缺环境条件": "Environmental conditions missing",
    "环境条件超出规程要求": "Environmental conditions outside the regulation's limits",
    "缺检定结果": "Results missing",
    "结果缺计量单位": "Result without unit",
    "校准结果缺测量不确定度": "Calibration result without measurement uncertainty",
    "调修过的器具缺调修前后结果": (
        "Adjusted or repaired instrument without before-and-after results"
    ),
    "缺“结果仅对所检器具有效”声明": "Statement that results relate only to the item missing",
    "替代证书未写修改原因": "Amended certificate without the change and its reason",
    "替代证书未注明被替代的证书": "Amended certificate without reference to the one it replaces",
    "被替代的证书编号不存在": "Replaced certificate number unknown",
    "替代证书编号未沿用原编号": "Reissue number not derived from the original number",
    "证书未经最终审核": "Certificate not reviewed",
    "最终审核未通过": "Final check not passed",
    "审核人是该证书的签字人": "Reviewer signed the certificate",
    "阻断性问题未改正也未说明放行理由": (
        "Blocking defect neither fixed nor overridden with a reason"
    ),
    "“准确度”应写作“准确度等级”": (
        "“准确度” (accuracy) written where “准确度等级” (accuracy class) is required"
    ),
    "计量标准缺测量范围": "Standard without its measuring range",
    "证书内容与原始记录不符": "Certificate does not match the original record",
    # --- defect messages ---
    "证书编号 {number} 在本批中重复（与第 {other} 份相同）": (
        "Certificate number {number} appears twice in this batch (same as certificate {other})"
    ),
    "证书未经最终审核，不能放行": (
        "The certificate has not had its final check and may not be released"
    ),
    "最终审核未通过（{reviewer}，{at}）：{comment}": (
        "The final check did not pass ({reviewer}, {at}): {comment}"
    ),
    "审核人 {reviewer} 在本证书上签了字，不能审核自己签的证书": (
        "Reviewer {reviewer} signed this certificate and cannot review their own work"
    ),
    "阻断性问题不允许放行，必须改正：{what}": (
        "Blocking defect that must be fixed (no override allowed): {what}"
    ),
    "阻断性问题未改正，也没有书面放行理由：{what}": (
        "Blocking defect neither fixed nor overridden with a written reason: {what}"
    ),
    "检定结果为{verdict}，却出具了{doc}；应出具{right}": (
        "The verification {verdict}, yet {doc} was issued; it should be {right}"
    ),
    "收件登记为强制检定器具，却只出具了校准证书；应检定并出具检定证书或检定结果通知书": (
        "The intake record marks the instrument as under compulsory verification, yet only a"
        " calibration certificate was issued; it must be verified and given a verification"
        " certificate or notice"
    ),
    "检定结果通知书的结论应写明“不合格”，现为“{conclusion}”": (
        "The conclusion of a verification result notice must say “不合格” (failed); it reads "
        "“{conclusion}”"
    ),
    "检定证书的结论应写“合格”或“<准确度等级>级合格”，现为“{conclusion}”": (
        "The conclusion of a verification certificate must read “合格” or “<class>级合格”;"
        " it reads “{conclusion}”"
    ),
    "结论等级“{certified}”与器具的准确度等级“{own}”不同，请核对": (
        "Conclusion class “{certified}” differs from the instrument's accuracy class “{own}”; "
        "please check"
    ),
    "结论“{conclusion}”高于器具本身的准确度等级 {own}": (
        "Conclusion “{conclusion}” is better than the instrument's own accuracy class {own}"
    ),
    "结论“{conclusion}”低于器具的准确度等级 {own}，备注未说明降级使用": (
        "Conclusion “{conclusion}” is below the instrument's accuracy class {own} and the remarks"
        " do not record a downgrade"
    ),
    "检定结果通知书不应写有效期，现写有效期至 {valid}": (
        "A verification result notice must not state a validity; it states valid until {valid}"
    ),
    "检定证书缺“有效期至”": "The verification certificate has no valid-until date",
    "检定证书缺“有效期至”，按检定周期 {months} 个月应为 {proposed}": (
        "The verification certificate has no valid-until date; with the {months}-month period it"
        " would be {proposed}"
    ),
    "有效期至 {valid} 早于检定日期 {performed}": (
        "Valid until {valid} is before the verification date {performed}"
    ),
    "有效期至 {valid} 超过检定周期 {months} 个月：检定日期 {performed}，最迟应为 {latest}": (
        "Valid until {valid} exceeds the {months}-month verification period: verified {performed},"
        " latest allowed {latest}"
    ),
    "校准证书给出了复校间隔或有效期（{interval}），但没有客户要求的记录": (
        "The calibration certificate states an interval or validity ({interval}) but no customer"
        " request is recorded"
    ),
    "校准证书作了符合性判定（“{conclusion}”），但没有客户要求的记录": (
        "The calibration certificate states conformity (“{conclusion}”) but no customer request is"
        " recorded"
    ),
    "符合性声明未写明{missing}": "The conformity statement does not name {missing}",
    "第 {row} 行“{quantity}”误差 {error} 超出最大允许误差 {mpe}，结论却为合格": (
        "Row {row} “{quantity}”: error {error} exceeds the maximum permissible error {mpe},"
        " yet the conclusion is “passed”"
    ),
    "收件登记中没有器具编号 {item}": "No intake record for item number {item}",
    "{field}与收件登记不一致：登记 {registered}，证书 {stated}": (
        "{field} differs from intake record: registered {registered}, certificate {stated}"
    ),
    "准确度等级与收件登记不一致：登记 {registered}，证书 {stated}": (
        "Accuracy class differs from intake record: registered {registered}, certificate {stated}"
    ),
    "缺{verb}日期": "The {verb} date is missing",
    "缺签发日期": "The date of issue is missing",
    "{verb}日期 {performed} 早于收件日期 {received}": (
        "The {verb} date {performed} is before the date received {received}"
    ),
    "签发日期 {issued} 早于{verb}日期 {performed}": (
        "The date of issue {issued} is before the {verb} date {performed}"
    ),
    "{what}日期 {day} 在今天（{today}）之后": "The {what} date {day} is after today ({today})",
    "缺{verb}依据（规程或规范编号）": "The {verb} regulation or specification is missing",
    "{verb}依据“{regulation}”不在规程目录中": (
        "The {verb} basis “{regulation}” is not in the register of regulations and specifications"
    ),
    "目录规定“{kind}”按 {expected} 检定，证书依据 {actual}": (
        "The catalogue has “{kind}” verified to {expected}; the certificate cites {actual}"
    ),
    "{regulation} 已于 {day} 废止{by}，{verb}日期为 {on}": (
        "{regulation} was withdrawn on {day}{by}; the {verb} date is {on}"
    ),
    "{regulation} 自 {day} 起实施，{verb}日期 {on} 时尚未实施": (
        "{regulation} takes effect on {day}; it was not yet in force on the {verb} date {on}"
    ),
    "原始记录 {record} 属于器具 {theirs}，不是 {ours}": (
        "Original record {record} belongs to item {theirs}, not {ours}"
    ),
    "{verb}日期与原始记录不符：记录 {theirs}，证书 {ours}": (
        "The {verb} date differs from the original record: record {theirs}, certificate {ours}"
    ),
    "结论与原始记录不符：记录 {theirs}，证书 {ours}": (
        "The verdict differs from the original record: record {theirs}, certificate {ours}"
    ),
    "结果行数与原始记录不符：记录 {theirs} 行，证书 {ours} 行": (
        "Number of result rows differs from the original record: record {theirs}, certificate "
        "{ours}"
    ),
    "第 {row} 行“{quantity}”示值与原始记录不符：记录 {theirs}，证书 {ours}": (
        "Row {row} “{quantity}”: measured value differs from the original record: record {theirs},"
        " certificate {ours}"
    ),
    "未列出{verb}所用的计量标准器具": "No measurement standard used for the {verb} is listed",
    "计量标准“{name}”（台账编号 {ref}）不在标准台账中": (
        "Standard “{name}” (register id {ref}) is not in the standards register"
    ),
    "计量标准“{name}”的{what}与台账不一致：台账 {theirs}，证书 {ours}": (
        "Standard “{name}”: {what} differs from the register: register {theirs}, certificate {ours}"
    ),
    "计量标准“{name}”缺检定/校准证书编号": (
        "Standard “{name}” has no verification/calibration certificate number"
    ),
    "计量标准“{name}”缺证书有效期": "Standard “{name}” has no validity date",
    "计量标准“{name}”的证书有效期至 {until}，{verb}日期 {on} 时已过期": (
        "Standard “{name}” was valid until {until}; it had expired on the {verb} date {on}"
    ),
    "计量标准“{name}”缺测量范围": "Standard “{name}” has no measuring range",
    "缺{verb}地点": "The {verb} location is missing",
    "缺环境条件（温度、湿度等）": "Environmental conditions (temperature, humidity …) are missing",
    "未记录{quantity}（规程要求 {limit}）": (
        "{quantity} is not recorded (the regulation requires {limit})"
    ),
    "{quantity} {value} {unit} 超出规程要求的 {limit}": (
        "{quantity} {value} {unit} is outside the regulation's limits {limit}"
    ),
    "缺{verb}结果": "The {verb} results are missing",
    "第 {row} 行“{quantity}”缺计量单位": "Row {row} “{quantity}” has no unit",
    "第 {row} 行“{quantity}”缺测量不确定度": (
        "Row {row} “{quantity}” has no measurement uncertainty"
    ),
    "器具经过{what}，但未给出调修前后的结果": (
        "The instrument was {what}, but results before and after are not given"
    ),
    "缺“{verb}结果仅对所检器具有效”的声明": (
        "The statement that the {verb} results relate only to the item is missing"
    ),
    "声明“{text}”没有说明结果仅对所检器具有效": (
        "The statement “{text}” does not say that the results relate only to the item"
    ),
    "{what}写作“{text}”：表示等级时应写“准确度等级”": (
        "{what} reads “{text}”: write “准确度等级” (accuracy class) for a class"
    ),
    "未记录总页数（“共 y 页”）": "The page count (“共 y 页”) is not recorded",
    "页码与总页数不符：共 {count} 页，各页标为 {pages}": (
        "Page numbers do not match the page count: {count} pages, pages marked {pages}"
    ),
    "证书不能替代它自己（{number}）": "A certificate cannot replace itself ({number})",
    "本证书替代 {old}，但未写明修改内容和原因": (
        "This certificate replaces {old} but does not state what changed and why"
    ),
    "被替代的证书 {old} 查无此编号": "The replaced certificate {old} does not exist",
    "替代证书编号 {number} 未沿用原证书编号（应为 {base}-NNN）": (
        "Reissue number {number} does not derive from the original (expected {base}-NNN)"
    ),
    "写了修改原因，但未注明替代哪份证书": (
        "An amendment reason is given, but not the certificate it replaces"
    ),
    "证书编号 {number} 带重发后缀，但未注明替代哪份证书": (
        "Number {number} carries a reissue suffix, but the certificate it replaces is not named"
    ),
    "缺{role}": "No {role} named",
    "{first}和{second}是同一人（{person}）": (
        "The {first} and the {second} are the same person ({person})"
    ),
    "{role}“{person}”不在人员名册中": "The {role} “{person}” is not in the staff register",
    "{role} {person} 没有“{kind}”的{verb}授权": (
        "The {role} {person} holds no {verb} authorisation for “{kind}”"
    ),
    "{role} {person} 的“{kind}”授权有效期至 {until}，早于{verb}日期 {on}": (
        "The {role} {person}'s authorisation for “{kind}” ran until {until}, before the {verb} "
        "date {on}"
    ),
    "证书编号“{number}”不符合本所的编号规则": (
        "Certificate number “{number}” does not follow the institute's numbering convention"
    ),
    "证书编号 {number} 已被另一份证书使用": (
        "Certificate number {number} is already used by another certificate"
    ),
    "证书编号 {number} 不属于该器具的委托单 {order}": (
        "Certificate number {number} does not belong to the item's order {order}"
    ),
    # --- JSON import (counter/certificates/rules/json_import.py, json_fields.py) ---
    "对象": "object",
    "布尔值": "true/false",
    "数字": "number",
    "文本": "text",
    "数组": "array",
    "文本或数字": "text or number",
    "整数": "integer",
    "日期文本 YYYY-MM-DD": "date text YYYY-MM-DD",
    "整数数组": "array of integers",
    "缺少必填字段": "Required field missing",
    "应为{expected}，实为{actual}": "Expected {expected}, found {actual}",
    "第 {n} 份证书": "certificate {n}",
    "第 {line} 行第 {column} 列": "line {line}, column {column}",
    "（是否应为“{name}”？）": " (did you mean “{name}”?)",
    "未知字段{hint}": "Unknown field{hint}",
    "无法识别的日期“{value}”，应写作 YYYY-MM-DD": (
        "Cannot read the date “{value}”; write YYYY-MM-DD"
    ),
    "不认识的取值“{value}”，应为以下之一：{allowed}": (
        "Unknown value “{value}”; use one of: {allowed}"
    ),
    "日期“{value}”不存在": "There is no such date as “{value}”",
    "同一对象中字段重复出现": "Field appears twice in the same object",
    '文件应为一份证书对象，或 {"certificates": [...]}': (
        'The file must hold one certificate object or {"certificates": [...]}'
    ),
    "应为证书对象": "Expected a certificate object",
    "JSON 格式错误：{what}": "Malformed JSON: {what}",
    "未知字段": "Unknown field",
    "文件不是 UTF-8 编码的文本（第 {pos} 字节）": "The file is not UTF-8 text (byte {pos})",
    "应为证书数组": "Expected an array of certificates",
    "文件中没有证书": "The file holds no certificates",
    "证书编号 {number} 在文件中重复（与第 {other} 份相同）": (
        "Certificate number {number} appears twice in the file (same as certificate {other})"
    ),
    "缺逗号": "Expecting ',' delimiter",
    "缺冒号": "Expecting ':' delimiter",
    "缺少值或有多余的逗号": "Expecting a value (or a comma too many)",
    "字段名应使用双引号": "Field names must be in double quotes",
    "JSON 结束后还有多余内容": "Extra data after the JSON document",
    "字符串没有结束引号": "Unterminated string",
    "字符串中有控制字符（如未转义的换行）": (
        "Control character in a string (e.g. an unescaped line break)"
    ),
    "无效的转义序列": "Invalid escape sequence",
}

# json_fields.py / json_import.py: limits of what a certificate file may hold
EN.update(
    {
        "应为 0 到 {max} 之间的整数": "must be a whole number from 0 to {max}",
        "最多 {max} 个": "at most {max}",
        "日期“{value}”超出 {first} 至 {last} 年": "the date “{value}” is outside {first}–{last}",
        "文件内容无法读取：嵌套层数过多或数字过长": (
            "The file cannot be read: nested too deep or a number too long"
        ),
    }
)
