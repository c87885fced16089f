"""English for the orders list, order dialog, reprint list, administration screens and
counter/admin/users.py (strings not already in another catalogue)."""

from __future__ import annotations

EN: dict[str, str] = {
    # ui/orders/screen.py, ui/orders/orders_model.py
    "委托单号 / 客户名称 / 拼音首字母 / 电话": (
        "Order number / customer name / pinyin initials / phone"
    ),
    "从": "From",
    "到": "To",
    "全部状态": "All statuses",
    "全部科室": "All departments",
    "刷新": "Refresh",
    "已显示 {n} 张委托单": "{n} orders shown",
    "，向下滚动加载更多": "; scroll down for more",
    "客户": "Customer",
    "收件时间": "Received",
    "件数": "Items",
    "状态": "Status",
    # ui/orders/order_dialog.py, ui/orders/order_header.py, ui/orders/order_items_model.py
    "作废器具": "Void item",
    "补打所选标签": "Reprint labels of selected items",
    "补打全部标签": "Reprint all labels",
    "补打回执": "Reprint receipt",
    "发送所选标签到标签打印机": "Send selected labels to the label printer",
    "作废委托单": "Void order",
    "作废后本单全部器具一并作废，记录保留，不可恢复。请填写作废原因：": (
        "Voiding the order voids all of its items; the records are kept and it cannot be"
        " undone. Reason for voiding:"
    ),
    "请先选择器具": "Select an item first",
    "委托单 {number} — {customer}": "Order {number} — {customer}",
    "作废委托单 {number}": "Void order {number}",
    "器具 {number} 改为“{status}”": "Item {number} → “{status}”",
    "{instrument}（{number}）将改为“{status}”。请填写原因：": (
        "{instrument} ({number}) will be set to “{status}”. Reason:"
    ),
    "器具 {number} 已改为“{status}”": "Item {number} is now “{status}”",
    "器具 {number} 已更正": "Item {number} corrected",
    "收件人": "Received by",
    "：": ": ",
    "本委托单已作废：{reason}（{user}，{time}）": "This order is void: {reason} ({user}, {time})",
    "原因": "Reason",
    # ui/orders/item_correct_dialog.py, ui/common/reason_dialog.py
    "更正器具信息 {number}": "Correct item {number}",
    "必填：为什么更正": "Required: why the correction",
    "更正原因": "Reason for correction",
    "保存更正": "Save correction",
    "更正前后的内容和原因将记入操作日志。": (
        "The values before and after and the reason are written to the audit log."
    ),
    "确定": "OK",
    # ui/intake/order_printing.py
    "已打印": "Printed",
    "标签 — {number}": "Labels — {number}",
    "取件回执 — {number}": "Pickup receipt — {number}",
    "上一次打印仍在进行，请稍候": "The previous print job is still running; please wait",
    "PDF 预览窗口尚不可用，无法打印": "The PDF preview is not available; cannot print",
    "正在发送标签 {done}/{total}：{item}": "Sending labels {done}/{total}: {item}",
    "没有可打印的标签（所选器具均已作废）": "No labels to print (the selected items are void)",
    "已发送 {n} 张标签到标签打印机": "{n} labels sent to the label printer",
    "标签打印机设置无效：{detail}": "Invalid label printer setting: {detail}",
    # ui/intake/reprint_screen.py, ui/intake/reprint_model.py
    "预览并打印": "Preview and print",
    "重新发送到标签打印机": "Send to the label printer again",
    "打开委托单": "Open order",
    "请先选择要补打的标签": "Select the labels to reprint first",
    "待补打 {n} 项": "{n} waiting for reprint",
    "类型": "Type",
    "打印机回复": "Printer answer",
    "时间": "Time",
    "回执": "Receipt",
    "待打印": "Waiting",
    "打印失败": "Failed",
    # ui/admin/screen.py, ui/admin/settings.py
    "机构设置": "Institute",
    "用户": "Users",
    "工作日历": "Working days",
    "操作日志": "Audit log",
    "测试标签": "Test label",
    "例如 192.168.1.50:9100；留空则只打印 PDF": (
        "e.g. 192.168.1.50:9100; leave empty to print labels as PDF only"
    ),
    "保存设置": "Save settings",
    "测试标签打印机": "Test label printer",
    "放弃修改": "Discard changes",
    "机构名称": "Institute name",
    "授权证书号": "Authorisation number",
    "收发室名称": "Counter name",
    "回执须知": "Receipt terms",
    "标签尺寸（宽×高）": "Label size (width × height)",
    "标签打印机": "Label printer",
    "打印机中文字体": "Printer CJK font",
    "回执纸张": "Receipt paper",
    "约定工作日数": "Promised working days",
    "设置已保存": "Settings saved",
    "请先填写标签打印机地址": "Enter the label printer's address first",
    "正在发送测试标签到 {address}…": "Sending a test label to {address}…",
    "测试标签已发送，请查看打印机是否打出": "Test label sent; check that the printer printed it",
    "测试标签发送失败：标签打印机 {host}:{port} 无响应（{reason}）": (
        "Test label not sent: the label printer {host}:{port} does not answer ({reason})"
    ),
    # ui/admin/users.py, ui/admin/user_dialogs.py, ui/admin/users_model.py
    "新建用户": "New user",
    "修改角色": "Change roles",
    "停用": "Deactivate",
    "启用": "Activate",
    "重置密码": "Reset password",
    "用户已创建": "User created",
    "角色已修改": "Roles changed",
    "密码已重置": "Password reset",
    "停用用户 {name}": "Deactivate user {name}",
    "停用后该用户不能再登录，其操作记录保留。停用原因（可不填）：": (
        "A deactivated user can no longer log in; their records are kept. Reason (optional):"
    ),
    "用户 {name} 已停用": "User {name} deactivated",
    "用户 {name} 已启用": "User {name} activated",
    "新密码": "New password",
    "再次输入密码": "Repeat password",
    "至少 {n} 个字符": "at least {n} characters",
    "姓名": "Full name",
    "修改角色 — {name}": "Change roles — {name}",
    "重置密码 — {name}": "Reset password — {name}",
    "创建时间": "Created",
    "已停用": "Deactivated",
    # ui/admin/calendar.py, ui/admin/calendar_model.py
    "名称，例如 春节、所庆日": "Name, e.g. Spring Festival, institute day",
    "添加": "Add",
    "删除所选": "Remove selected",
    "请先选择要删除的日期": "Select the dates to remove first",
    "官方节假日数据已包含 {years} 年。": "The official holiday data covers {years}.",
    "官方节假日数据不包含 {years} 年：这些年份按周一至周五计算，请在下方录入节假日和调休工作日。": (
        "The official holiday data does not cover {years}: those years count Monday to Friday;"
        " enter their holidays and make-up working days below."
    ),
    "{day} 已设为{kind}": "{day} set as {kind}",
    "已删除 {n} 个日期": "{n} dates removed",
    "周一": "Mon",
    "周二": "Tue",
    "周三": "Wed",
    "周四": "Thu",
    "周五": "Fri",
    "周六": "Sat",
    "周日": "Sun",
    "日期": "Date",
    "星期": "Weekday",
    "名称": "Name",
    "节假日（不上班）": "Holiday (closed)",
    "调休工作日（上班）": "Make-up working day (open)",
    # ui/admin/audit_view.py, ui/admin/audit_model.py
    "对象编号：委托单号、收件编号、用户名、日期…": (
        "Record key: order number, item number, username, date…"
    ),
    "操作：如 order.、item.void、user.": "Action: e.g. order., item.void, user.",
    "已显示 {n} 条记录": "{n} entries shown",
    "，向下滚动加载更早的记录": "; scroll down for older entries",
    "操作": "Action",
    "变更（前 → 后）": "Change (before → after)",
    # counter/admin/users.py
    "用户不存在": "No such user",
    "不能停用自己的账号": "You cannot deactivate your own account",
    "{name} 是唯一的管理员，不能取消其管理员角色": (
        "{name} is the only administrator; the administrator role cannot be removed"
    ),
    "{name} 是唯一的管理员，不能停用": "{name} is the only administrator and cannot be deactivated",
}
