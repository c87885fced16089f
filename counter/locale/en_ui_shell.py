"""English for the application shell: start-up, login, main window, scanner, intake screen,
customer dialog, PDF preview and messages (ui/shell/, ui/intake/, look-ups)."""

from __future__ import annotations

EN: dict[str, str] = {
    # ui/shell/app.py, ui/shell/login_dialog.py
    "无法打开数据库": "Cannot open the database",
    "计量收发台 — 登录": "Metrology Counter — Log in",
    "登录": "Log in",
    "用户名(&U)": "&User name",
    "密码(&P)": "&Password",
    "计量收发台 — 首次使用": "Metrology Counter — First start",
    "创建并登录": "Create and log in",
    "这是第一次启动。请创建管理员账户，之后由管理员为收发员等创建账户。": (
        "This is the first start. Create the administrator account;"
        " the administrator then creates the accounts of the counter staff."
    ),
    "姓名(&N)": "Full &name",
    "再次输入密码(&A)": "Password &again",
    "两次输入的密码不一致": "The two passwords differ",
    "演示数据库": "Demo database",
    "已创建演示数据库（示例客户和委托单）。可用以下账户登录：": (
        "A demo database (sample customers and orders) was created."
        " Log in with one of these accounts:"
    ),
    "用户名": "User name",
    "密码": "Password",
    "角色": "Role",
    "退出": "Quit",
    # ui/shell/main_window.py, ui/shell/shortcuts_dialog.py
    "文件(&F)": "&File",
    "退出(&Q)": "&Quit",
    "视图(&V)": "&View",
    "帮助(&H)": "&Help",
    "快捷键(&K)": "&Keyboard shortcuts",
    "关于(&A)": "&About",
    "扫码": "Scan",
    "扫码/查号(&L)：": "Scan / &look up:",
    "扫描或输入收件编号、委托单号，回车查找": "Scan or type an item or order number, then Enter",
    "扫码/查号": "Scan / look up",
    "关于计量收发台": "About Metrology Counter",
    "计量收发台：法定计量检定机构仪器收发室的收件、标签、回执与查询。": (
        "Metrology Counter: intake, labels, receipts and look-ups"
        " for the instrument counter of a legal metrology institute."
    ),
    "委托单": "Orders",
    "补打": "Reprints",
    "{name}（{roles}）": "{name} ({roles})",
    "数据库：{url}": "Database: {url}",
    "收件登记中还有没有保存的器具。退出后这些内容会丢失，确定退出吗？": (
        "The intake form has instruments that were not saved."
        " They are lost if you quit. Quit anyway?"
    ),
    "返回继续录入": "Go back to the form",
    "器具 {number}：{name}，{customer}": "Item {number}: {name}, {customer}",
    "委托单 {number}：{customer}": "Order {number}: {customer}",
    "快捷键": "Keyboard shortcuts",
    "切换到收件登记、委托单、补打、系统管理": "Switch to intake, orders, reprints, administration",
    "扫码/查号输入框（扫描枪在任何位置扫码都会直接打开器具或委托单）": (
        "The scan / look-up field (a scan anywhere opens the item or order directly)"
    ),
    "在客户搜索结果中选择 / 确认": "Move through / choose from the customer search results",
    "编辑所选客户": "Edit the chosen customer",
    "下一个单元格；在最后一行的最后一格添加新行": (
        "Next cell; in the last cell of the last row, add a row"
    ),
    "上一个单元格": "Previous cell",
    "编辑当前单元格": "Edit the current cell",
    "复制本行（出厂编号留空）": "Copy this row (serial number left empty)",
    "空格": "Space",
    "在“强检”列：更改强检标志（需填写原因）": (
        "In the “Compulsory” column: change the compulsory flag (a reason is required)"
    ),
    "保存委托单": "Save the order",
    # ui/common/messages.py
    "无法完成操作": "Could not be done",
    "提示": "Note",
    "请确认": "Please confirm",
    "取消": "Cancel",
    # ui/intake/screen.py, ui/intake/review.py, ui/intake/documents.py
    "默认为客户联系人": "Default: the customer's contact",
    "默认为客户电话": "Default: the customer's phone",
    "保存 (Ctrl+S)": "Save (Ctrl+S)",
    "器具(&I)": "&Instruments",
    "添加器具": "Add instrument",
    "复制本行": "Copy row",
    "添加多件相同器具…": "Add identical instruments…",
    "添加多件相同器具": "Add identical instruments",
    "删除本行": "Remove row",
    "保存": "Save",
    "预览/打印回执": "Preview/print receipt",
    "预览/打印标签": "Preview/print labels",
    "新建客户": "New customer",
    "编辑客户资料": "Edit customer details",
    "查找客户": "Find customer",
    "清空表单": "Clear the form",
    "清空": "Clear",
    "再添加几件与本行相同的器具？": "How many more instruments identical to this row?",
    "改为强制检定的原因：": "Reason for making it compulsory verification:",
    "改为非强制检定的原因：": "Reason for making it non-compulsory:",
    "更改强检标志": "Change the compulsory flag",
    "收件方式": "Received by",
    "送检人": "Brought by",
    "送检人电话": "Their phone",
    "备注": "Note",
    "请先选择客户": "Choose the customer first",
    "没有需要保存的内容": "Nothing to save",
    "委托单不能保存": "The order cannot be saved",
    "正在保存…": "Saving…",
    "委托单没有保存": "The order was not saved",
    "已保存委托单 {number}（{n} 件）": "Order {number} saved ({n} items)",
    "表单中有尚未保存的器具，确定清空吗？": (
        "The form has instruments that were not saved. Clear it anyway?"
    ),
    "保存时发生意外错误：{error}。表单内容未丢失，请重试。": (
        "Unexpected error while saving: {error}. Nothing in the form was lost; please try again."
    ),
    "选择客户后逐件录入器具；按 F3 查找客户。": (
        "Choose the customer, then enter the instruments one by one; F3 finds a customer."
    ),
    "可以保存：按 Ctrl+S 保存委托单": "Ready: press Ctrl+S to save the order",
    "已保存的委托单": "Order saved",
    "共 {n} 件，约定取件日期 {date}": "{n} items, promised for {date}",
    "正在生成标签和回执…": "Producing labels and receipt…",
    "标签和回执已生成（未设置标签打印机：请预览后打印）。": (
        "Labels and receipt are ready (no label printer set: preview them to print)."
    ),
    "标签和回执未能生成：{error}。委托单已保存，可在补打列表中重新打印。": (
        "The labels and receipt could not be produced: {error}."
        " The order is saved; print them from the reprint list."
    ),
    "正在发送标签到标签打印机 {printer}…": "Sending labels to the label printer {printer}…",
    "已打印 {n} 张标签。": "{n} labels printed.",
    "标签打印失败：{error}。委托单已保存，标签已放入补打列表。": (
        "Printing the labels failed: {error}."
        " The order is saved; the labels wait in the reprint list."
    ),
    "标签": "Labels",
    "取件回执": "Pickup receipt",
    "{what} — 委托单 {number}": "{what} — order {number}",
    # ui/customers/picker.py, ui/customers/model.py
    "客户名称、拼音首字母（如 lcjl）、电话或信用代码": (
        "Customer name, pinyin initials (e.g. lcjl), phone or credit code"
    ),
    "输入后按 ↓ ↑ 选择，回车确认；没有找到时按 Ctrl+Shift+C 新建客户。": (
        "Type, choose with ↓ ↑, confirm with Enter; Ctrl+Shift+C creates a customer not found."
    ),
    "没有找到“{text}”。按 Ctrl+Shift+C 新建客户。": (
        "No customer matches “{text}”. Press Ctrl+Shift+C to create one."
    ),
    "客户(&K)": "C&ustomer",
    "尚未选择客户": "No customer chosen yet",
    "信用代码": "Credit code",
    "记账客户": "Account customer",
    "统一社会信用代码": "Unified social credit code",
    "（记账）": " (account)",
    # ui/customers/dialog.py
    "18 位统一社会信用代码；个人可不填": (
        "18-character unified social credit code; optional for individuals"
    ),
    "新开办企业": "Newly opened business",
    "记账客户（月结）": "Account customer (billed monthly)",
    "客户名称(&N)": "Customer &name",
    "统一社会信用代码(&C)": "Unified social &credit code",
    "客户类型": "Kind of customer",
    "企业规模": "Business size",
    "行业": "Sector",
    "电话(&P)": "&Phone",
    "医疗机构": "Medical institution",
    "眼镜店": "Optical shop",
    "加油站": "Fuel station",
    "粮食收购": "Grain purchase",
    "集贸市场": "Market",
    "商场超市": "Shopping mall / supermarket",
    "出租汽车": "Taxi",
    "燃气供应": "Gas supply",
    "供水": "Water supply",
    "工业企业": "Industrial company",
    "检测机构": "Testing laboratory",
    "15 位旧工商注册号": "Legacy 15-digit business registration number",
    "✓ 校验位正确": "✓ Check character correct",
    # ui/common/pdf_preview.py
    "打印…": "Print…",
    "保存为 PDF…": "Save as PDF…",
    "保存为 PDF": "Save as PDF",
    "PDF 文件 (*.pdf)": "PDF files (*.pdf)",
    "放大": "Zoom in",
    "缩小": "Zoom out",
    "适合宽度": "Fit width",
    "关闭": "Close",
    "无法显示此文档": "This document cannot be shown",
    "共 {n} 页": "{n} pages",
    "文档尺寸": "Document size",
    "无法开始打印，请检查打印机是否可用。文档仍可再次打印或保存为 PDF。": (
        "Printing could not start; check that the printer is available."
        " The document can still be printed again or saved as PDF."
    ),
    "打印中断。文档仍可再次打印或保存为 PDF。": (
        "Printing was interrupted. The document can still be printed again or saved as PDF."
    ),
    "打印机没有接受打印任务。文档仍可再次打印或保存为 PDF。": (
        "The printer did not accept the job."
        " The document can still be printed again or saved as PDF."
    ),
    "已发送到打印机": "Sent to the printer",
    "已保存到 {path}": "Saved to {path}",
    "无法保存到 {path}：{reason}": "Cannot save to {path}: {reason}",
    # ui/intake/items_model.py
    "器具名称": "Instrument",
    "科室": "Department",
    "服务": "Service",
    "用途": "Use",
    "强检": "Compulsory",
    "取件方式": "Return",
    "约定日期": "Promised",
    "曾送检": "Seen before",
    "是": "Yes",
    "否": "No",
    "曾送检 {n} 次": "{n} earlier visits",
    "检定依据：{regulation}": "Regulation: {regulation}",
    "已人工更改强检标志，原因：{reason}": "Compulsory flag changed by hand; reason: {reason}",
    "按空格键更改强检标志（需填写原因）": (
        "Press Space to change the compulsory flag (a reason is required)"
    ),
    "同一客户的同一器具（名称和出厂编号相同）以前送检过": (
        "This customer brought the same instrument (same name and serial number) before"
    ),
    # type and customer look-ups (counter/intake/catalog.py)
    "“{text}”不是目录中的器具名称，请从列表中选择": (
        "“{text}” is not an instrument in the catalogue; choose one from the list"
    ),
    "“{text}”对应多个器具名称（{names}），请从列表中选择": (
        "“{text}” matches several instruments ({names}); choose one from the list"
    ),
}
