"""Closed-class words the stages and rules share: words that end a name (prepositions,
conjunctions, reporting verbs, time words) and the light verbs of compound verbs."""
from __future__ import annotations

import threading

from ..text.normalize import _hazm_dir, match_key

__all__ = ["LIGHT_VERBS", "STOP_WORDS", "title_key", "word_freq"]

_lock = threading.Lock()

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
فقط تنها هنوز حتی تقریبا تقریباً اکنون هم‌اکنون همواره همیشه هرگز همچنان دیگر بسیار خیلی کاملا کاملاً
مثل مانند چنین چنان نسبت بیشتر کمتر اخیرا اخیراً قبلا قبلاً بعدا بعداً سپس آنگاه اینجا آنجا چرا چگونه
خواستار خواهان موظف مکلف موفق قادر مایل آماده حاضر مجبور ناچار علاقه‌مند علاقمند نیازمند مخالف موافق
معتقد مدعی متعهد ملزم مصمم درصدد
""".split()) | LIGHT_VERBS
# adverbs and discourse words in the last lines, and the predicative adjectives of «X خواستار/موظف/
# آماده ... است»: they never belong to the name of an organisation or a title (سازمان محیط‌زیست
# تقریباً ..., مجلس مثل گذشته, مجلس خواستار ...)


_FREQ: dict[str, int] | None = None


def word_freq(key: str) -> int:
    """hazm's corpus count of a word (0 for names hazm lists without a count; -1 if unknown)."""
    global _FREQ
    if _FREQ is None:
        with _lock:
            if _FREQ is None:
                freq: dict[str, int] = {}
                with open(_hazm_dir() / "data" / "words.dat", encoding="utf-8") as fh:
                    for line in fh:
                        parts = line.split("\t")
                        if len(parts) >= 2:
                            k = match_key(parts[0])
                            try:
                                c = int(parts[1])
                            except ValueError:
                                continue
                            if c > freq.get(k, -1):
                                freq[k] = c
                _FREQ = freq
    return _FREQ.get(key, -1)


_TITLE_NOISE = frozenset(match_key(w) for w in ("استان", "شهرستان", "محترم", "وقت", "فعلی", "جدید"))


def title_key(text: str) -> str:
    """A title's key for telling whether two titles are one office: ZWNJ, spaces and the words
    that vary between mentions (استان, محترم) dropped, so «رئیس کمیسیون کشاورزی اتاق بازرگانی
    استان اردبیل» and «رئیس کمیسیون کشاورزی اتاق بازرگانی اردبیل», «مدیر کل» and «مدیرکل» agree."""
    return "".join(k for k in (match_key(w) for w in text.split()) if k not in _TITLE_NOISE)
