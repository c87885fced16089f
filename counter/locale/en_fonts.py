"""English for the printing fonts (counter/admin/print_fonts.py, the font settings)."""

from __future__ import annotations

EN: dict[str, str] = {
    "字体 {font} 缺少字符：{chars}，请在系统设置中改用随附字体或其他完整的字体": (
        "The font {font} has no glyph for: {chars}; in the settings, switch to the shipped"
        " font or another complete font"
    ),
    "找不到字体文件 {font}": "Font file {font} not found",
    "字体 {font} 缺少必需的字符：{chars}": "The font {font} lacks required characters: {chars}",
    "字体 {font} 不是可嵌入 PDF 的 TrueType 字体（{detail}）": (
        "The font {font} is not a TrueType font that can be embedded in a PDF ({detail})"
    ),
    "文书字体": "Document font",
    "标签字体": "Label font",
    # ui/admin/font_picker.py, ui/admin/settings.py
    "留空 = 随附字体（{font}）": "Empty = the shipped font ({font})",
    "选择…": "Choose…",
    "用随附字体": "Use shipped font",
    "选择 TrueType 字体": "Choose a TrueType font",
    "TrueType 字体 (*.ttf *.ttc)": "TrueType fonts (*.ttf *.ttc)",
    "AR PL UMing 宋体": "AR PL UMing, Song",
    "文泉驿微米黑，加粗": "WenQuanYi Micro Hei, bold",
    "证书与文书字体": "Certificate and document font",
}
