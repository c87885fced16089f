"""English for the hardening work: audit chain, login throttling, backup and restore."""

from __future__ import annotations

EN: dict[str, str] = {
    # every action re-reads the user
    "{user} 的账号已停用，不能再操作；请联系管理员": (
        "{user}'s account has been deactivated and can no longer act; "
        "please contact an administrator"
    ),
    # login throttling
    "连续 {n} 次登录失败，该账号已锁定，请于 {time} 后再试": (
        "{n} failed logins in a row: this account is locked; try again after {time}"
    ),
    "登录失败次数过多，请 {seconds} 秒后再试": (
        "Too many failed logins; try again in {seconds} seconds"
    ),
    # audit chain
    "第 {seq} 条记录缺失（被删除）": "entry {seq} is missing (deleted)",
    "第 {seq} 条记录（{at:%Y-%m-%d %H:%M}，{action}）的内容被改动": (
        "entry {seq} ({at:%Y-%m-%d %H:%M}, {action}) has been changed"
    ),
    "第 {seq} 条记录接不上前一条：前一条被改写或其前插入了记录": (
        "entry {seq} does not link to the one before it: that one was rewritten "
        "or an entry was slipped in"
    ),
    "链尾应为第 {head} 条，实际为第 {last} 条：末尾的记录被删除或被添加": (
        "the log should end at entry {head} but ends at entry {last}: entries at the end "
        "were deleted or added"
    ),
    "审计日志被改动：{what}": "The audit log has been tampered with: {what}",
    "审计日志完整：共 {n} 条，链尾第 {seq} 条，校验值 {hash}": (
        "The audit log is intact: {n} entries, the last is entry {seq}, checksum {hash}"
    ),
    # backup and restore
    "备份已写入 {path}": "Backup written to {path}",
    "备份文件 {path} 已存在，请稍后再试": "Backup file {path} exists already; try again shortly",
    "{path} 不是可用的数据库备份：{detail}": "{path} is not a usable database backup: {detail}",
    "这台电脑没有 pg_dump，无法备份共享数据库（PostgreSQL）。"
    "共享数据库以数据库管理员的备份为准。": (
        "This computer has no pg_dump, so the shared database (PostgreSQL) cannot be backed up "
        "here. The database administrator's backup applies to the shared database."
    ),
    "pg_dump 备份失败：{detail}": "pg_dump backup failed: {detail}",
    "已恢复到新文件 {path}：{n} 张表、{rows} 行与备份逐一核对一致": (
        "Restored into the new file {path}: {n} tables and {rows} rows "
        "checked identical to the backup"
    ),
    "PostgreSQL 的备份请由数据库管理员用 pg_restore 恢复": (
        "A PostgreSQL backup is restored by the database administrator with pg_restore"
    ),
    "找不到备份文件 {path}": "Backup file {path} not found",
    "{path} 已存在：恢复只写入新文件，不覆盖任何文件": (
        "{path} exists already: a restore writes only a new file and never overwrites one"
    ),
    "恢复的文件与备份不一致（{tables}），未保存": (
        "The restored file differs from the backup ({tables}); nothing was kept"
    ),
    "保留的备份份数应在 1 到 3650 之间": "Backups kept must be between 1 and 3650",
    # screens
    "正在校验审计日志…": "Checking the audit log…",
    "校验审计日志": "Verify audit log",
    "备份(&B)": "&Backup",
    "立即备份数据库(&B)": "&Back up the database now",
    "从备份恢复到新文件(&R)…": "&Restore a backup into a new file…",
    "备份设置(&S)…": "Backup &settings…",
    "备份设置": "Backup settings",
    "选择…": "Choose…",
    "每天自动备份": "Back up automatically every day",
    "备份文件夹(&F)": "Backup &folder",
    "保留份数(&K)": "Backups &kept",
    "备份文件夹": "Backup folder",
    "每日自动备份失败：{reason}": "The daily backup failed: {reason}",
    "正在备份数据库…": "Backing up the database…",
    "数据库备份 (*.db)": "Database backups (*.db)",
    "选择要恢复的备份": "Choose the backup to restore",
    "恢复到新文件（不会覆盖现有文件）": "Restore into a new file (no existing file is overwritten)",
    "数据库 (*.db)": "Databases (*.db)",
}
