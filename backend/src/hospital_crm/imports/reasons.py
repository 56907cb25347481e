"""Stable reason codes for rejected import rows, with their user-facing messages.

The codes are part of the API and of the rejects CSV, so they never change once
released. The UI may translate the codes itself. The messages here are what the CLI
prints and what the rejects CSV contains, and they name the column and the fix.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReasonText:
    ja: str
    en: str
    zh: str


REASONS: dict[str, ReasonText] = {
    "missing_name": ReasonText(
        ja="「{column}」が空です。氏名（姓・名）を入力してください",
        en="{column} is empty: enter the patient's family and given name",
        zh="“{column}”为空：请填写患者的姓名",
    ),
    "invalid_date": ReasonText(
        ja="「{column}」の日付「{value}」が正しくありません（例: 1985/03/12、令和6年4月1日）",
        en="{column}: '{value}' is not a valid date (e.g. 1985-03-12 or R6.4.1)",
        zh="“{column}”的日期“{value}”无效（例：1985-03-12）",
    ),
    "ambiguous_date": ReasonText(
        ja="「{column}」の日付「{value}」は日と月の順序が判別できません。"
        "年/月/日の順（例: 1990/01/02）で入力してください",
        en="{column}: '{value}' could be day/month or month/day: "
        "write it as year-month-day (e.g. 1990-01-02)",
        zh="“{column}”的日期“{value}”无法判断日月顺序：请按年-月-日填写（例：1990-01-02）",
    ),
    "date_outside_era": ReasonText(
        ja="「{column}」の和暦「{value}」はその元号の期間外です"
        "（令和は2019/5/1から、平成は1989/1/8〜2019/4/30、昭和は1989/1/7まで）",
        en="{column}: '{value}' falls outside its Japanese era (Reiwa from 2019-05-01, "
        "Heisei 1989-01-08 to 2019-04-30, Showa until 1989-01-07)",
        zh="“{column}”的和历日期“{value}”不在该年号期间内",
    ),
    "date_in_future": ReasonText(
        ja="「{column}」の日付「{value}」が未来の日付です",
        en="{column}: '{value}' is in the future",
        zh="“{column}”的日期“{value}”是未来日期",
    ),
    "unknown_country": ReasonText(
        ja="「{column}」の国名「{value}」を認識できません（例: 中国、China、CN）",
        en="{column}: '{value}' is not a known country (e.g. 中国, China, CN)",
        zh="“{column}”的国家“{value}”无法识别（例：中国、China、CN）",
    ),
    "invalid_email": ReasonText(
        ja="「{column}」のメールアドレス「{value}」が正しくありません",
        en="{column}: '{value}' is not a valid email address",
        zh="“{column}”的邮箱地址“{value}”无效",
    ),
    "invalid_phone": ReasonText(
        ja="「{column}」の電話番号「{value}」が正しくありません。"
        "国番号付き（例: +86 138 0013 8000）で入力してください",
        en="{column}: '{value}' is not a valid phone number: "
        "add the country code (e.g. +86 138 0013 8000)",
        zh="“{column}”的电话号码“{value}”无效：请加上国家代码（例：+86 138 0013 8000）",
    ),
    "unknown_sex": ReasonText(
        ja="「{column}」の性別「{value}」を認識できません（男・女・M・F）",
        en="{column}: '{value}' is not a known sex (male, female, M, F, 男, 女)",
        zh="“{column}”的性别“{value}”无法识别（男、女、M、F）",
    ),
    "unknown_department": ReasonText(
        ja="「{column}」の診療科「{value}」は登録されていません",
        en="{column}: department '{value}' does not exist",
        zh="“{column}”的科室“{value}”不存在",
    ),
    "unknown_partner": ReasonText(
        ja="「{column}」の紹介元「{value}」は登録されていません",
        en="{column}: referring partner '{value}' does not exist",
        zh="“{column}”的介绍机构“{value}”不存在",
    ),
    "unknown_status": ReasonText(
        ja="「{column}」のステータス「{value}」を認識できません（例: 問い合わせ受付、見積提示）",
        en="{column}: '{value}' is not a known case stage (e.g. inquiry_received, quote_sent)",
        zh="“{column}”的状态“{value}”无法识别",
    ),
    "invalid_value": ReasonText(
        ja="「{column}」の値「{value}」が正しくありません（{detail}）",
        en="{column}: '{value}' is invalid ({detail})",
        zh="“{column}”的值“{value}”无效（{detail}）",
    ),
    "unreadable_row": ReasonText(
        ja="この行を読み取れませんでした（{detail}）。値を確認してください",
        en="This row could not be read ({detail}): check its values",
        zh="无法读取此行（{detail}）：请检查其中的值",
    ),
    "invalid_characters": ReasonText(
        ja="「{column}」の値「{value}」に表示の向きを変える文字または制御文字（U+{code_point}）が"
        "含まれています。その文字を削除してください",
        en="{column}: '{value}' contains U+{code_point}, a text direction or control character: "
        "delete it",
        zh="“{column}”的值“{value}”含有改变文字方向的字符或控制字符（U+{code_point}）：请删除该字符",
    ),
    "value_too_long": ReasonText(
        ja="「{column}」が長すぎます（{max_length}文字まで）",
        en="{column} is too long (at most {max_length} characters)",
        zh="“{column}”过长（最多{max_length}个字符）",
    ),
}


@dataclass(frozen=True)
class RowError:
    """One reason a row was rejected: the column (header text as in the file) and the code."""

    code: str
    column: str
    value: str = ""
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, language: str) -> str:
        text = REASONS[self.code]
        template = {"ja": text.ja, "en": text.en, "zh": text.zh}[language]
        return template.format(column=self.column, value=self.value, **dict(self.params))

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "column": self.column,
            "value": self.value,
            "message_ja": self.message("ja"),
            "message_en": self.message("en"),
            "message_zh": self.message("zh"),
        }
