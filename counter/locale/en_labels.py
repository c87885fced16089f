"""English for thermal label printing: printer kinds, the printer's answers, PDF labels."""

from __future__ import annotations

EN: dict[str, str] = {
    # what a label printer reports about itself
    "缺纸": "out of paper",
    "已暂停": "paused",
    "打印头未合上": "print head open",
    "接收缓冲区已满": "receive buffer full",
    "碳带用完": "out of ribbon",
    "卡纸": "paper jam",
    "上盖未合上": "cover open",
    "打印机内存错误": "printer memory error",
    "打印头过热": "print head too hot",
    "打印头温度过低": "print head too cold",
    "打印机故障": "printer fault",
    # what a label printer did
    "无响应（{reason}）": "does not answer ({reason})",
    "报告：{problems}": "reports: {problems}",
    "没有接收数据": "did not take the data",
    "中途断开了连接，标签没有全部送达": "hung up part way: not all labels arrived",
    "没有回复状态查询，无法确认收到标签": (
        "did not answer the status query: the labels cannot be confirmed"
    ),
    "的回复无法识别，无法确认收到标签": (
        "gave an answer that cannot be read: the labels cannot be confirmed"
    ),
    "标签字体缺少字符 {chars}，请修改这些文字后补打": (
        "the label font has no glyph for {chars}; change that text, then reprint"
    ),
    "标签打印机 {address} {answer}": "Label printer {address} {answer}",
    "（已送达的标签可能在排除故障后打出，补打前请核对）": (
        " (labels already delivered may come out once the fault is cleared:"
        " check before reprinting)"
    ),
    "标签打印机 {address} 未确认": "Label printer {address} did not confirm",
    "{answer}。委托单已保存，{n} 张标签已放入补打列表。": (
        "{answer}. The order is saved; {n} labels are in the reprint list."
    ),
    "未设置标签打印机，请用 PDF 打印": "No label printer is set: print as PDF",
    "未设置标签打印机：{n} 张标签请按“预览/打印标签”用 PDF 打印。": (
        "No label printer is set: print the {n} labels as PDF with “Preview/print labels”."
    ),
    "请先填写标签打印机地址并选择 ZPL 或 TSPL": (
        "Enter the label printer's address and choose ZPL or TSPL first"
    ),
    "测试标签未确认：标签打印机 {address} {answer}": (
        "Test label not confirmed: label printer {address} {answer}"
    ),
    # settings
    "标签打印机地址“{address}”无效，应为 主机:端口，例如 192.168.1.50:9100": (
        "Label printer address “{address}” is not valid: use host:port, e.g. 192.168.1.50:9100"
    ),
    "标签打印机地址“{address}”不能含空格或斜杠，应为 主机:端口，例如 192.168.1.50:9100": (
        "Label printer address “{address}” cannot contain spaces or slashes: use host:port, "
        "e.g. 192.168.1.50:9100"
    ),
    "标签打印机类型只能是 ZPL、TSPL 或 PDF": "The label printer kind must be ZPL, TSPL or PDF",
    "标签打印机分辨率只能是 203 或 300 dpi": "The label printer resolution must be 203 or 300 dpi",
    "标签打印机等待时间应在 1 到 60 秒之间": (
        "The wait for the label printer must be between 1 and 60 seconds"
    ),
    "标签打印机类型": "Label printer kind",
    "标签打印机分辨率": "Label printer resolution",
    "等待标签打印机": "Wait for the label printer",
    "ZPL（斑马等）": "ZPL (Zebra and compatibles)",
    "TSPL（TSC、佳博等）": "TSPL (TSC, Gprinter and compatibles)",
    "PDF（系统打印机）": "PDF (system printer)",
    " 秒": " s",
    # screens
    "打印机已确认收到测试标签，请查看是否打出": (
        "The printer confirmed the test label: check that it came out"
    ),
    "用 PDF 打印标签": "Print labels as PDF",
    "待 PDF 打印": "To print as PDF",
}
