"""English for roles and sessions (switch user, home screens, F1), first run and the demo."""

EN: dict[str, str] = {
    "演示数据库（示例客户和委托单），可用以下账户登录：": (
        "Demo database (sample customers and orders). Log in with one of these accounts:"
    ),
    "切换用户": "Switch user",
    "切换用户(&U)…": "Switch &user…",
    "收件登记中还有没有保存的器具。切换用户后这些内容会丢失，确定切换用户吗？": (
        "The intake form has instruments not yet saved; switching user loses them. Switch user?"
    ),
    "全部界面": "Everywhere",
    "{path} 不是演示数据库，不能以演示方式打开": (
        "{path} is not a demo database and cannot be opened as one"
    ),
}
