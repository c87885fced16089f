from __future__ import annotations

EN: dict[str, str] = {
    "计量收发台": "Metrology Counter",
}

EN.update(
    {
        # main window: screens and menus
        "收费": "Billing",
        "领取/邮寄": "Return / mail",
        "标准器与授权": "Standards & authorisations",
        "证书(&C)": "&Certificates",
        "导入证书 JSON…": "Import certificate JSON…",
        "录入证书…": "Enter certificate…",
    }
)
