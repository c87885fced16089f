"""English for counter/ core modules (auth, customers, intake, orders, settings …)."""

from __future__ import annotations

EN: dict[str, str] = {
    # command line
    "数据库已升级到最新版本": "The database is now at the latest version",
    "密码：": "Password: ",
    "管理员已创建": "Administrator created",
    # auth
    "用户名不能为空": "User name must not be empty",
    "用户名过长（最多 64 个字符）": "User name too long (at most 64 characters)",
    "姓名不能为空": "Full name must not be empty",
    "密码至少 {n} 个字符": "Password needs at least {n} characters",
    "已有用户，请由管理员创建新用户": "Users exist already; an administrator must create new users",
    "第一个用户必须是管理员": "The first user must be an administrator",
    "至少选择一个角色": "Choose at least one role",
    "用户名 {name} 已存在": "User name {name} exists already",
    "用户名或密码错误": "Wrong user name or password",
    "收发员": "Intake clerk",
    "开票员": "Billing clerk",
    "检定人员": "Lab staff",
    "质量监督": "Quality supervisor",
    "管理员": "Administrator",
    "收件登记": "Receive instruments",
    "编辑客户": "Edit customers",
    "更正器具信息": "Correct item details",
    "作废": "Void",
    "收费开票": "Billing",
    "检定工作": "Lab work",
    "证书终审": "Final certificate review",
    "发放器具": "Release instruments",
    "系统管理": "Administration",
    "{user} 没有“{perm}”权限": "{user} lacks the permission “{perm}”",
    # calendar
    "日期类型只能是节假日或调休工作日": "A day can only be a holiday or a make-up working day",
    # catalogue
    "其他": "Other",
    "贸易结算": "Trade settlement",
    "安全防护": "Safety protection",
    "医疗卫生": "Medical and health",
    "环境监测": "Environmental monitoring",
    # customers
    "“{field}”过长（最多 {n} 个字符）": "“{field}” is too long (at most {n} characters)",
    "客户类型无效": "Invalid customer kind",
    "企业规模无效": "Invalid enterprise size",
    "电话号码只能包含数字和 - + ( ) 空格": (
        "A phone number may only contain digits, - + ( ) and spaces"
    ),
    "客户名称": "Customer name",
    "简称": "Short name",
    "联系人": "Contact",
    "电话": "Phone",
    "地址": "Address",
    "电子邮箱": "E-mail",
    "统一社会信用代码 {code} 已属于客户“{name}”": (
        "Unified social credit code {code} already belongs to customer “{name}”"
    ),
    "客户不存在": "No such customer",
    "个人/个体户": "Individual / sole trader",
    "事业单位/机关": "Public institution / agency",
    "企业": "Enterprise",
    "未填": "Not given",
    "大型": "Large",
    "中型": "Medium",
    "小型": "Small",
    "微型": "Micro",
    "客户名称不能为空": "Customer name must not be empty",
    # database
    "数据库 {url} 由更新版本的程序创建（版本 {current}），请先升级本程序。": (
        "Database {url} was written by a newer version of this program "
        "(revision {current}); please upgrade the program first."
    ),
    "共享数据库 {url} 的结构版本落后（当前 {current}，需要 {head}）。"
    "为避免影响其他窗口，程序不会自动升级。请管理员在所有窗口退出后运行：\n"
    "uv run python -m counter db upgrade --db {url}": (
        "The shared database {url} is behind this program's schema (at {current}, "
        "needs {head}). It is not upgraded automatically so that other counters are not "
        "disturbed. An administrator should close every counter and run:\n"
        "uv run python -m counter db upgrade --db {url}"
    ),
    "空库": "empty",
    "数据库正忙（其他窗口正在保存），请稍后重试。本次操作没有保存。": (
        "The database is busy (another counter is saving); please try again. Nothing was saved."
    ),
    "无法连接数据库：{detail}。本次操作没有保存，请检查网络或联系管理员。": (
        "Cannot reach the database: {detail}. Nothing was saved; check the network "
        "or call the administrator."
    ),
    # documents
    "标签打印机 {host}:{port} 无响应（{reason}）。委托单已保存，标签已放入补打列表。": (
        "Label printer {host}:{port} does not answer ({reason}). The order is saved; "
        "its labels wait in the reprint list."
    ),
    "未设置标签打印机（系统设置 → 标签打印机）": (
        "No label printer is set (Administration → Label printer)"
    ),
    # intake
    "数量应在 1 到 {n} 之间": "The number must be between 1 and {n}",
    "第 {n} 行：": "Row {n}: ",
    "器具名称不在目录中，请从目录中选择": "Instrument not in the catalogue; choose one from it",
    "服务类型无效": "Invalid service",
    "加急选项无效": "Invalid urgency",
    "取件方式无效": "Invalid return way",
    "用途无效": "Invalid use",
    "更改强制检定标志需要填写原因": "Changing the compulsory-verification flag needs a reason",
    "委托单至少要有一件器具": "An order needs at least one instrument",
    "一张委托单最多 {n} 件器具": "An order holds at most {n} instruments",
    "收件方式无效": "Invalid channel",
    "出厂编号 {serial}（{name}）在本单中出现 {n} 次": (
        "Serial number {serial} ({name}) appears {n} times in this order"
    ),
    "客户不存在或已停用": "The customer does not exist or is inactive",
    "检定": "Verification",
    "校准": "Calibration",
    "检测": "Testing",
    "修理": "Repair",
    "加急": "Urgent",
    "当日取": "Same day",
    "普通": "Normal",
    "自取": "Pickup",
    "邮寄": "Mail",
    "窗口送检": "At the counter",
    "预约送检": "By appointment",
    "邮寄送检": "By mail",
    "上门检定": "On site",
    "型号规格": "Model / spec",
    "出厂编号": "Serial no.",
    "制造厂": "Manufacturer",
    "测量范围": "Measuring range",
    "准确度等级": "Accuracy class",
    "外观状况": "Condition",
    "附件": "Accessories",
    # lifecycle
    "已收件": "Received",
    "检定中": "In the lab",
    "证书已出": "Certificate drafted",
    "已终审": "Checked",
    "已发放": "Released",
    "暂停": "On hold",
    "退回未检": "Returned unprocessed",
    "已作废": "Voided",
    "器具状态不能从“{old}”改为“{new}”": "An item cannot go from “{old}” to “{new}”",
    "改为“{new}”需要填写原因": "Changing to “{new}” needs a reason",
    # orders
    "委托单不存在": "No such order",
    "器具不存在": "No such item",
    "作废委托单需要填写原因": "Voiding an order needs a reason",
    "委托单 {number} 已作废": "Order {number} is voided already",
    "委托单中已有器具发放（{items}），不能整单作废": (
        "Items of this order have been released ({items}); the order cannot be voided"
    ),
    "器具 {number} 已{status}，不能更正": "Item {number} is {status}; it cannot be corrected",
    "更正需要填写原因": "A correction needs a reason",
    "器具 {number} 已出证书，更正登记信息前请先将证书退回检定": (
        "Item {number} has a certificate; send the certificate back to the lab "
        "before correcting the registered details"
    ),
    "“{new}”只能通过证书终审或领取/邮寄办理，不能直接设置": (
        "“{new}” is reached only through the final certificate check or return/mail, "
        "not set by hand"
    ),
    "委托单 {order} 已开收费清单 {statement}，请先作废或重开清单": (
        "Order {order} is on fee statement {statement}; void or reissue the statement first"
    ),
    # scan
    "扫描内容为空": "Nothing was scanned",
    "无法识别的条码：{code}（不是本所的收件编号或委托单号）": (
        "Unrecognised code: {code} (not one of our item or order numbers)"
    ),
    "未找到编号为 {code} 的器具或委托单": "No item or order has the number {code}",
    # settings
    "机构名称不能为空": "Institute name must not be empty",
    "标签宽度": "Label width",
    "标签高度": "Label height",
    "{what}应在 20 到 150 毫米之间": "{what} must be between 20 and 150 mm",
    "回执纸张只能是 A4 或 A5": "The receipt paper must be A4 or A5",
    "标签打印机地址应为 主机:端口，例如 192.168.1.50:9100": (
        "The label printer address must be host:port, e.g. 192.168.1.50:9100"
    ),
    "约定工作日数应在 0 到 60 之间": "Promised working days must be between 0 and 60",
}

# counter/intake/lookups.py: the gate's papers
EN.update(
    {
        "器具 {number} 的证书没有通过终审的记录，不能设为“已终审”": (
            "Item {number} has no certificate that passed a recorded final check; "
            "it cannot be set “checked”"
        ),
        "器具 {number} 没有领取或邮寄的交接记录，不能设为“已发放”": (
            "Item {number} has no pickup or mail handover record; it cannot be set “released”"
        ),
    }
)
