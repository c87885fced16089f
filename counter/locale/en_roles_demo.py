"""English for roles and sessions (switch user, home screens, F1), first run and the demo."""

EN: dict[str, str] = {
    "演示数据库（示例客户和委托单），可用以下账户登录：": (
        "Demo database (sample customers and orders). Log in with one of these accounts:"
    ),
    "切换用户": "Switch user",
    "切换用户(&U)…": "S&witch user…",
    "收件登记中还有没有保存的器具。切换用户后这些内容会丢失，确定切换用户吗？": (
        "The intake form has instruments not yet saved; switching user loses them. Switch user?"
    ),
    "全部界面": "Everywhere",
    "{path} 不是演示数据库，不能以演示方式打开": (
        "{path} is not a demo database and cannot be opened as one"
    ),
    "机构信息不完整（缺{fields}），不能打印：请管理员在“系统管理 → 机构设置”中填写": (
        "The institute's details are incomplete (missing: {fields}), so nothing can be printed: "
        "an administrator fills them in under Administration → Institute"
    ),
    "这是第一次启动。请填写本机构的信息（打印在回执、标签、清单和证书上），"
    "并创建管理员账户，之后由管理员为收发员等创建账户。": (
        "This is the first start. Enter your institute's details (printed on receipts, labels, "
        "statements and certificates) and create the administrator account; the administrator "
        "then creates accounts for the clerks."
    ),
    "{field}不能为空": "{field} cannot be empty",
    "【{institute}】{customer}：您送检的器具中，{n} 件已可取回（{items}）": (
        "[{institute}] {customer}: {n} of your instruments are ready ({items})"
    ),
    "委托单 {order} 另有 {n} 件尚未完成（{items}），完成后另行通知": (
        "{n} more of order {order} are not finished yet ({items}); we will tell you when they are"
    ),
}
