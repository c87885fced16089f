"""English for the intake keyboard and scanner flow (issue 8 §2 and "Keyboard and scanner flow")."""

EN: dict[str, str] = {
    "收件方式(&W)": "Received &way",
    "送检人(&B)": "&Brought by",
    "送检人电话(&T)": "&Telephone",
    "备注(&M)": "&Memo",
    "与本行相同的器具一共几件（含本行）？": (
        "How many items like this row in all (this row included)?"
    ),
    "填写测量范围（其后是准确度等级）": "Fill in the measuring range (accuracy class is next)",
}
