"""Closed-class words the stages and rules share: words that end a name (prepositions,
conjunctions, reporting verbs, time words) and the light verbs of compound verbs."""
from __future__ import annotations

from ..text.normalize import match_key

__all__ = ["LIGHT_VERBS", "STOP_WORDS"]

# light verbs: the word before one is the noun of a compound verb (تشکیل شود, تماس گرفت, انجام
# شد), not the end of a name
LIGHT_VERBS = frozenset(match_key(w) for w in
                         "شد شود شده شوند شدند کرد کند کرده کنند کردند نمود نماید نمودند گرفت گرفته گیرد گرفتند "
                         "یافت یافته یابد یافتند می‌یابد میشود میکند میشوند".split())
# words that end an organisation or role name (the light verbs among them)
STOP_WORDS = frozenset(match_key(w) for w in """
در با از به برای که را تا این آن وی او ایشان خود نیز هم همچنین اما ولی یا چون اگر پس طی ضمن
گفت افزود است بود دارد دارند می باید توانست خواهد گفته اظهار تصریح بیان تاکید تأکید
اعلام عنوان خاطرنشان ادامه داد داشت اضافه نوشت حضور بازدید سفر دیدار نشست جلسه مراسم امروز دیروز فردا
صبح ظهر عصر شب روز سال ماه هفته ضمن طی توسط سوی بین میان بر هر چند همه بیش کمتر حدود
برگزار گردید هستند بوده رسید رسیده قرار آغاز درباره پیرامون علیه نزد بدون امسال پارسال
""".split()) | LIGHT_VERBS
