"""Event templates: each turns one story's picks into a headline set, a lede, detail and quote
paragraphs, and the gold record of what the story reports (type, actors, place, status, toll).

The lede carries ``DATE_MARK`` where the event's date goes; it is rendered per edition, so a story
republished a day later says `أمس` where the first edition said `اليوم`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from marsad.synthetic.context import DATE_MARK as D
from marsad.synthetic.context import Ctx
from marsad.synthetic.vocab import ACTORS, SOURCES

GOV_SIDE = {
    "gov",
    "russia",
    "iran_militias",
    "irgc",
    "hezbollah",
    "fatemiyoun",
    "fourth_div",
    "mil_security",
    "air_intel",
    "ndf",
}
ADJ = {
    "russia": "روسية",
    "gov": "للنظام",
    "coalition": "للتحالف الدولي",
    "israel": "إسرائيلية",
    "turkey": "تركية",
    "us": "أمريكية",
    "hts": "لتحرير الشام",
    "iran_militias": "لميليشيات إيران",
    "sdf": "لقسد",
}


@dataclass
class EventText:
    key: str
    plover: str
    acled: tuple[str | None, str | None]
    status: str
    headlines: list[str]
    lede: str
    details: list[str]
    quotes: list[str]
    gold: dict[str, Any] = field(default_factory=dict)


def _toll(ctx: Ctx, killed: int, injured: int, noun: str) -> str:
    parts = []
    if killed:
        parts.append(f"مقتل {ctx.count(killed, noun)}")
    if injured and killed:
        others = {1: "شخص آخر", 2: "اثنين آخرين"}.get(injured, f"{injured} آخرين")
        parts.append(f"إصابة {others} بجروح")
    elif injured:
        parts.append(f"إصابة {ctx.count(injured, noun)} بجروح")
    return " و".join(parts) if parts else "أضرار مادية دون تسجيل إصابات بشرية"


def _gold(ctx: Ctx, key: str, a1: str | None, a2: str | None, place: Any, **extra: Any) -> dict[str, Any]:
    return {
        "actor1": a1,
        "actor2": a2,
        "place": place.name,
        "place_kind": place.kind,
        "area": place.area,
        "governorate": place.gov,
        "theatre": ctx.theatre.key,
        **extra,
    }


def air_strike(ctx: Ctx) -> EventText:
    force, target = ctx.pick(ctx.theatre.air)
    place = ctx.place()
    civil = target == "civilians"
    killed = ctx.rng.randint(0, 9 if civil else 15)
    injured = ctx.rng.randint(0, 20)
    noun = "civilian" if civil else "member"
    aim = (
        ctx.pick(("الأحياء السكنية في", "منازل المدنيين في", "أطراف", "محيط"))
        if civil
        else f"مواقع تابعة {ctx.li(ctx.name(target))} في"
    )
    src = ctx.pick(("الدفاع المدني السوري", "المرصد السوري لحقوق الإنسان", "مصادر محلية")) if civil else ctx.source()
    aircraft = ctx.air(force)
    lede = (
        f"{ctx.v(aircraft, 'شنت', 'شن')} {aircraft} غارات جوية {D} على {aim} {ctx.where(place)}، ما أدى إلى "
        f"{_toll(ctx, killed, injured, noun)}، {ctx.according(src)}."
    )
    adj = ADJ.get(force, "جوية")
    headlines = [
        f"مقتل {ctx.count(killed, noun)} بغارات {adj} على {place.name}"
        if killed
        else f"غارات {adj} تستهدف {place.name} في {place.area or place.gov}",
        f"{place.area or place.gov}.. غارات {adj} على {place.name}",
        f"تصعيد جوي: غارات {adj} على {place.name} {('وسقوط ضحايا' if killed else 'دون إصابات')}",
    ]
    details = [
        f"وقال {ctx.pick(('الدفاع المدني السوري', 'فريق الدفاع المدني'))} إن فرقه {ctx.pick(('انتشلت', 'أخرجت'))} "
        f"{'جثث الضحايا' if killed else 'العالقين'} من تحت الأنقاض، وأسعفت المصابين إلى المشافي القريبة، مشيراً إلى أن "
        f"الطائرات نفذت {ctx.rng.randint(2, 8)} غارات متتالية خلال أقل من ساعة.",
        f"وتحدثت مصادر محلية عن دمار واسع لحق بالمنازل والممتلكات في {place.name}، وعن حركة نزوح للأهالي نحو "
        f"{ctx.pick(('المخيمات القريبة من الحدود', 'القرى المجاورة', 'مناطق أكثر أمناً'))} خشية تجدد القصف.",
    ]
    quotes = [
        f'وقال {ctx.person()}، وهو أحد سكان {place.name}، إن "الطائرات لم تفارق سماء المنطقة منذ الصباح، '
        f'والناس لا يعرفون إلى أين يذهبون".'
    ]
    return EventText(
        "air_strike",
        "FIGHT",
        ("Explosions/Remote violence", "Air/drone strike"),
        "occurred",
        headlines,
        lede,
        details,
        quotes,
        _gold(ctx, "air_strike", force, target, place, fatalities=killed, injured=injured),
    )


def drone_strike(ctx: Ctx) -> EventText:
    force, target = ctx.pick(ctx.theatre.drone)
    place = ctx.place()
    civil = target == "civilians"
    vehicle = (
        ctx.pick(("سيارة مدنية", "دراجة نارية", "منزلاً", "تجمعاً للمدنيين"))
        if civil
        else ctx.pick(
            (
                f"سيارة عسكرية تابعة {ctx.li(ctx.name(target))}",
                f"نقطة عسكرية {ctx.li(ctx.name(target))}",
                f"سيارة تقل قيادياً في {ctx.name(target)}",
            )
        )
    )
    killed = ctx.rng.randint(0, 5)
    injured = ctx.rng.randint(0, 6)
    lede = (
        f"استهدفت {ctx.drone(force)} {vehicle} {D} في {ctx.where(place)}، ما أسفر عن "
        f"{_toll(ctx, killed, injured, 'civilian' if civil else 'member')}، {ctx.according()}."
    )
    headlines = [
        f"مسيرة {ADJ.get(force, '')} تستهدف {vehicle.split(' تابعة')[0]} في {place.name}".replace("  ", " "),
        f"استهداف بطائرة مسيرة في {place.area or place.gov}",
        f"ضربة بمسيرة قرب {place.name}",
    ]
    details = [
        f"وأوضحت المصادر أن الطائرة {ctx.pick(('حلقت لساعات', 'رصدت المنطقة منذ الصباح'))} قبل أن تطلق "
        f"{ctx.pick(('صاروخاً موجهاً', 'قذيفة', 'صاروخين'))} على الهدف، في حين هرعت فرق الإسعاف إلى المكان.",
        f"ولم يصدر أي تعليق رسمي من {ctx.name(force)} على الاستهداف حتى ساعة إعداد هذا الخبر.",
    ]
    return EventText(
        "drone_strike",
        "FIGHT",
        ("Explosions/Remote violence", "Air/drone strike"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "drone_strike", force, target, place, fatalities=killed, injured=injured),
    )


def shelling(ctx: Ctx) -> EventText:
    a1, a2 = ctx.pick(ctx.theatre.dyads)
    place = ctx.place()
    weapon = ctx.pick(("بالمدفعية الثقيلة وراجمات الصواريخ", "بقذائف الهاون", "بالصواريخ", "بالمدفعية الثقيلة"))
    killed = ctx.rng.randint(0, 6)
    injured = ctx.rng.randint(0, 10)
    n1, n2 = ctx.name(a1), ctx.name(a2)
    lede = (
        f"{ctx.v(n1, 'قصفت', 'قصف')} {n1} {weapon} {D} {ctx.where(place)}، ما أدى إلى "
        f"{_toll(ctx, killed, injured, 'civilian')}، {ctx.according()}."
    )
    headlines = [
        f"قصف {ctx.pick(('مدفعي', 'صاروخي'))} يطال {place.name} في {place.area or place.gov}",
        f"{_toll(ctx, killed, 0, 'civilian') if killed else 'أضرار مادية'} بقصف على {place.name}",
    ]
    details = [
        f"وأضافت المصادر أن القصف استمر لنحو {ctx.rng.randint(3, 6)} ساعات، وطال "
        f"{ctx.pick(('منازل المدنيين', 'الأراضي الزراعية', 'الطريق الرئيسي', 'محيط مدرسة'))} في البلدة، وسط "
        f"استنفار لفرق الإسعاف والدفاع المدني.",
        f"{ctx.v(n2, 'وردت', 'ورد')} {n2} باستهداف مواقع {n1} في المنطقة بقذائف المدفعية، "
        f"{ctx.pick(('دون ورود معلومات عن خسائر', 'وسط أنباء عن إصابات في صفوف المهاجمين'))}.",
    ]
    return EventText(
        "shelling",
        "FIGHT",
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "shelling", a1, "civilians", place, fatalities=killed, injured=injured),
    )


def clashes(ctx: Ctx) -> EventText:
    a1, a2 = ctx.pick(ctx.theatre.dyads)
    place = ctx.place()
    k1, k2 = ctx.rng.randint(0, 6), ctx.rng.randint(1, 9)
    lede = (
        f"اندلعت اشتباكات {ctx.pick(('عنيفة', 'متقطعة', 'هي الأعنف منذ أشهر'))} {D} بين {ctx.name(a1)} "
        f"و{ctx.name(a2)} على محور {place.name} {'في ' + place.area if place.area else ''}، أسفرت عن مقتل "
        f"{ctx.count(k2, 'member')} من {ctx.name(a2)}"
        + (f" و{ctx.count(k1, 'member')} من {ctx.name(a1)}" if k1 else "")
        + f"، {ctx.according()}."
    )
    headlines = [
        f"اشتباكات بين {ctx.name(a1)} و{ctx.name(a2)} في {place.name}",
        f"قتلى في مواجهات على محور {place.name}",
        f"{place.area or place.gov}: معارك على جبهة {place.name}",
    ]
    details = [
        f"وأشارت المصادر إلى أن المواجهات اندلعت إثر محاولة تسلل نفذتها مجموعة تابعة {ctx.li(ctx.name(a1))} "
        f"باتجاه نقاط {ctx.name(a2)}، واستخدمت فيها الأسلحة الثقيلة والمتوسطة.",
        "وتزامنت الاشتباكات مع قصف متبادل طال القرى المحيطة، ما دفع عشرات العائلات إلى النزوح.",
    ]
    quotes = [f'وقال قيادي في {ctx.name(a2)} لمراسلنا إن مقاتليه "أفشلوا الهجوم وكبدوا المهاجمين خسائر فادحة".']
    return EventText(
        "clashes",
        "FIGHT",
        ("Battles", "Armed clash"),
        "occurred",
        headlines,
        lede,
        details,
        quotes,
        _gold(ctx, "clashes", a1, a2, place, fatalities=k1 + k2),
    )


def capture(ctx: Ctx) -> EventText:
    a1, a2 = ctx.pick(ctx.theatre.dyads)
    place = ctx.place()
    hours = ctx.rng.randint(2, 12)
    n1, n2 = ctx.name(a1), ctx.name(a2)
    lede = (
        f"{ctx.v(n1, 'سيطرت', 'سيطر')} {n1} {D} على {ctx.where(place)}، بعد اشتباكات مع {n2} استمرت نحو {hours} "
        f"{'ساعات' if hours <= 10 else 'ساعة'}، {ctx.according()}."
    )
    headlines = [
        f"{n1} {ctx.v(n1, 'تسيطر', 'يسيطر')} على {place.name} بعد معارك مع {n2}",
        f"تغير في خريطة السيطرة: {place.name} بيد {ctx.name(a1)}",
        f"السيطرة على {place.name} في {place.area or place.gov}",
    ]
    sub = "Government regains territory" if a1 in GOV_SIDE else "Non-state actor overtakes territory"
    masc = ctx.v(n2, "", "m") == "m"
    details = [
        f"وأوضحت المصادر أن {n2} {'انسحب' if masc else 'انسحبت'} من {'مواقعه' if masc else 'مواقعها'} باتجاه "
        f"{ctx.pick(('القرى المجاورة', 'خطوط الدفاع الخلفية'))}، بعد أن {'خسر' if masc else 'خسرت'} "
        f"{ctx.count(ctx.rng.randint(3, 12), 'member')} بين قتيل وجريح.",
        f"في المقابل، {'نفى' if masc else 'نفت'} {ctx.name(a2)} خسارة المنطقة، {'مؤكداً' if masc else 'مؤكدة'} أن "
        'المقاتلين "ما زالوا يخوضون معارك عنيفة على أطرافها".',
    ]
    quotes = [f'وتوعد الناطق باسم {ctx.name(a2)} باستعادة {place.name} "خلال الساعات القادمة".']
    return EventText(
        "capture",
        "FIGHT",
        ("Battles", sub),
        "occurred",
        headlines,
        lede,
        details,
        quotes,
        _gold(ctx, "capture", a1, a2, place),
    )


def ied(ctx: Ctx) -> EventText:
    _a1, a2 = ctx.pick(ctx.theatre.dyads)
    p1, p2 = ctx.place(), ctx.place()
    killed, injured = ctx.rng.randint(0, 4), ctx.rng.randint(0, 5)
    road = f"على الطريق الواصل بين {p1.name} و{p2.name}" if p1 != p2 else f"قرب {ctx.where(p1)}"
    lede = (
        f"انفجرت عبوة ناسفة {D} بسيارة عسكرية تابعة {ctx.li(ctx.name(a2))} {road}"
        f"{' في ' + p1.area if p1.area and p1 != p2 else ''}، ما أدى إلى {_toll(ctx, killed, injured, 'member')}."
    )
    headlines = [
        f"انفجار عبوة ناسفة يستهدف {ctx.name(a2)} قرب {p1.name}",
        f"عبوة ناسفة على طريق {p1.name}",
        f"{_toll(ctx, killed, 0, 'member') if killed else 'إصابات'} بانفجار عبوة في {p1.area or p1.gov}",
    ]
    details = [
        "ولم تتبن أي جهة مسؤولية التفجير حتى ساعة إعداد هذا الخبر، في حين طوقت قوى الأمن المنطقة ومنعت الاقتراب منها.",
        f'واتهمت وسائل إعلام محسوبة على {ctx.name(a2)} "خلايا إرهابية" بزرع العبوة، بينما ربطت مصادر محلية '
        "التفجير بحالة الفلتان الأمني التي تشهدها المنطقة.",
    ]
    return EventText(
        "ied",
        "ASSAULT",
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "ied", None, a2, p1, fatalities=killed, injured=injured),
    )


def landmine(ctx: Ctx) -> EventText:
    place = ctx.place()
    killed = ctx.rng.randint(1, 4)
    noun = ctx.pick(("child", "civilian", "person"))
    lede = (
        f"أدى انفجار لغم أرضي من مخلفات الحرب {D} في أرض زراعية قرب {ctx.where(place)} إلى مقتل "
        f"{ctx.count(killed, noun)}، {ctx.according(ctx.pick(('الدفاع المدني السوري', 'مصادر محلية')))}."
    )
    headlines = [
        f"لغم من مخلفات الحرب يقتل {ctx.count(killed, noun)} قرب {place.name}",
        f"مخلفات الحرب تحصد أرواحاً جديدة في {place.area or place.gov}",
    ]
    details = [
        f"وحذرت فرق الدفاع المدني الأهالي من الاقتراب من الأراضي الزراعية غير الممسوحة، مشيرة إلى أنها "
        f"أزالت أكثر من {ctx.rng.randint(20, 400)} جسماً من مخلفات الحرب خلال الأشهر الماضية.",
        "ويعد موسم الحصاد ورعي الأغنام من أكثر الفترات التي تسجل فيها حوادث انفجار الألغام، وسط غياب "
        "حملات المسح والإزالة الشاملة.",
    ]
    return EventText(
        "landmine",
        "ASSAULT",
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "landmine", None, "civilians", place, fatalities=killed),
    )


def assassination(ctx: Ctx) -> EventText:
    place = ctx.place()
    victim = ctx.person()
    role = ctx.pick(
        (
            "القيادي السابق في فصائل المعارضة",
            "العنصر في فرع الأمن العسكري",
            f"مختار {place.name}",
            f"رئيس بلدية {place.name}",
            "الناشط الإعلامي",
            "القيادي في اللجان المحلية",
        )
    )
    lede = (
        f"اغتال مسلحون مجهولون {D} {role} {victim}، بإطلاق النار عليه "
        f"{ctx.pick(('من مسافة قريبة', 'من سيارة مسرعة', 'أمام منزله'))} "
        f"في {ctx.where(place)}، ما أدى إلى مقتله على الفور، {ctx.according()}."
    )
    headlines = [
        f"اغتيال {role} {victim} في {place.name}",
        f"مقتل {victim} برصاص مجهولين في {place.area or place.gov}",
        f"اغتيال جديد في {place.area or place.gov}",
    ]
    details = [
        f"وأضافت المصادر أن المسلحين كانوا يستقلون {ctx.pick(('دراجة نارية', 'سيارة بيضاء', 'سيارة دون لوحات'))} "
        "ولاذوا بالفرار إلى جهة مجهولة، دون أن تتبنى أي جهة العملية.",
        f"و{ctx.area_verb(place.area or place.gov, 'تشهد', 'يشهد')} {place.area or place.gov} منذ أشهر موجة "
        "من عمليات الاغتيال التي تطال عسكريين ومدنيين وقادة "
        "سابقين، وسط اتهامات متبادلة بين الأطراف بالوقوف وراءها.",
    ]
    return EventText(
        "assassination",
        "ASSAULT",
        ("Violence against civilians", "Attack"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "assassination", "gunmen", None, place, fatalities=1, victim=victim),
    )


def abduction(ctx: Ctx) -> EventText:
    place = ctx.place()
    victim = ctx.person()
    age = ctx.rng.randint(16, 60)
    ransom = ctx.pick(("عشرون ألف دولار", "خمسون ألف دولار", "مئة ألف دولار", "مبلغ مالي كبير"))
    lede = (
        f"اختطف مسلحون مجهولون {D} {ctx.pick(('الشاب', 'المواطن', 'التاجر'))} {victim} ({age} عاماً) من "
        f"{ctx.pick(('أمام منزله', 'على الطريق العام', 'من داخل محله التجاري'))} في {ctx.where(place)}، واقتادوه إلى "
        f"جهة مجهولة، {ctx.according(ctx.pick(('أحد أقاربه', 'مصادر محلية', 'ناشطون محليون')))}."
    )
    headlines = [
        f"اختطاف {victim} في {place.name}",
        f"عصابات الخطف تعود إلى {place.area or place.gov}",
        f"مجهولون يختطفون شاباً في {place.name} ويطالبون بفدية",
    ]
    details = [
        f"وأوضح المصدر أن الخاطفين تواصلوا مع عائلة المخطوف وطالبوها بفدية قدرها {ransom} مقابل الإفراج عنه، "
        "مهددين بتصفيته في حال إبلاغ الجهات الأمنية.",
        "وتتكرر حوادث الخطف بهدف الفدية في المنطقة، في ظل عجز الأجهزة الأمنية أو تواطئها، بحسب اتهامات الأهالي.",
    ]
    return EventText(
        "abduction",
        "ASSAULT",
        ("Violence against civilians", "Abduction/forced disappearance"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "abduction", "gunmen", "civilians", place, victim=victim),
    )


def arrests(ctx: Ctx) -> EventText:
    actor = ctx.pick(ctx.theatre.arresters or ("mil_security",))
    place = ctx.place()
    n = ctx.rng.randint(3, 30)
    n1 = ctx.name(actor)
    lede = (
        f"{ctx.v(n1, 'شنت', 'شن')} {n1} حملة دهم واعتقالات {D} في {ctx.where(place)}، "
        f"{ctx.v(n1, 'اعتقلت', 'اعتقل')} خلالها {ctx.count(n, 'young')}، {ctx.according(ctx.pick(SOURCES))}."
    )
    headlines = [
        f"حملة اعتقالات في {place.name}",
        f"{n1} {ctx.v(n1, 'تعتقل', 'يعتقل')} {ctx.count(n, 'young')} في {place.name}",
    ]
    details = [
        f"وأوضحت المصادر أن الدوريات داهمت عدداً من المنازل، واقتادت المعتقلين إلى جهة مجهولة دون توجيه تهم "
        f"واضحة إليهم، في حين أفرجت عن {ctx.pick(('اثنين', 'ثلاثة', 'عدد'))} منهم بعد ساعات.",
        "وتأتي الحملة بعد أيام من توتر أمني شهدته المنطقة، وسط مخاوف الأهالي من حملات مماثلة.",
    ]
    return EventText(
        "arrests",
        "COERCE",
        ("Strategic developments", "Arrests"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "arrests", actor, "civilians", place, count=n),
    )


def protest(ctx: Ctx) -> EventText:
    place = ctx.place()
    crowd = ctx.pick(("العشرات", "المئات", "عشرات"))
    demand = ctx.pick(ctx.theatre.demands or ("الإفراج عن المعتقلين",))
    lede = f"تظاهر {crowd} من أهالي {ctx.where(place)} {D}، مطالبين ب{demand}، {ctx.according()}."
    headlines = [
        f"مظاهرة في {place.name} تطالب ب{demand}",
        f"{place.name}.. احتجاجات للمطالبة ب{demand}",
        f"وقفة احتجاجية في {place.area or place.gov}",
    ]
    details = [
        f"ورفع المتظاهرون لافتات {ctx.pick(('تندد بالانتهاكات', 'تطالب بالعدالة', 'تحمل صور المعتقلين'))}، "
        "ورددوا هتافات تطالب بمحاسبة المسؤولين عن تدهور الأوضاع في المنطقة.",
        "وانتهت المظاهرة بشكل سلمي دون تسجيل أي احتكاك مع القوى الأمنية التي انتشرت في محيط المكان.",
    ]
    quotes = [f'وقال {ctx.person()}، أحد منظمي الوقفة، إن "الأهالي لن يتوقفوا عن التظاهر حتى تتحقق مطالبهم".']
    return EventText(
        "protest",
        "PROTEST",
        ("Protests", "Peaceful protest"),
        "occurred",
        headlines,
        lede,
        details,
        quotes,
        _gold(ctx, "protest", "protesters", None, place, demand=demand),
    )


def meeting(ctx: Ctx) -> EventText:
    place = ctx.place()
    host = ctx.pick(ctx.theatre.mediators or ("russia",))
    p1, p2 = ctx.person(), ctx.person()
    title1 = ctx.pick(("قائد القوات", "رئيس اللجنة الأمنية في", "مسؤول ملف المصالحة في", "ممثل"))
    topic = ctx.pick(
        ("ترتيبات التهدئة", "ملف المعتقلين", "إعادة فتح الطرق الرئيسية", "تسوية أوضاع المطلوبين", "تقاسم مناطق النفوذ")
    )
    lede = (
        f"عقد {title1} {ctx.name(host)} {ctx.pick(('العقيد', 'اللواء', 'العميد', ''))} {p1} {D} اجتماعاً مع "
        f"{ctx.pick(('وجهاء', 'ممثلين عن', 'قادة'))} {place.name} {ctx.pick(('الشيخ', 'المحامي', ''))} {p2} في "
        f"{ctx.where(place)}، لبحث {topic}."
    ).replace("  ", " ")
    nh = ctx.name(host)
    headlines = [f"اجتماع في {place.name} لبحث {topic}", f"{nh} {ctx.v(nh, 'تجتمع', 'يجتمع')} بوجهاء {place.name}"]
    details = [
        f"وبحسب مصادر حضرت الاجتماع، طالب الوجهاء بالإفراج عن {ctx.count(ctx.rng.randint(3, 40), 'young')} "
        f"من أبناء المنطقة، فيما طالب {p1} بتسليم السلاح الخفيف والمتوسط.",
        "واتفق الطرفان على عقد اجتماع جديد خلال الأيام المقبلة لاستكمال النقاش، دون الإعلان عن نتائج ملموسة.",
    ]
    return EventText(
        "meeting",
        "CONSULT",
        ("Strategic developments", "Other"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "meeting", host, None, place, people=[p1, p2]),
    )


def agreement(ctx: Ctx) -> EventText:
    a1, a2 = ctx.pick(ctx.theatre.dyads)
    place = ctx.place()
    host = ctx.pick(ctx.theatre.mediators or ("russia",))
    terms = ctx.pick(
        (
            "وقف إطلاق النار",
            "تبادل الأسرى والجثث",
            "فتح الطريق التجاري",
            "انسحاب المقاتلين من الأحياء السكنية",
            "إعادة المهجرين إلى قراهم",
        )
    )
    lede = (
        f"توصلت {ctx.name(a1)} و{ctx.name(a2)} {D} إلى اتفاق يقضي ب{terms} في {ctx.where(place)}، بوساطة "
        f"{ctx.name(host)}، {ctx.according()}."
    )
    headlines = [f"اتفاق على {terms} في {place.name}", f"بوساطة {ctx.name(host)}.. اتفاق في {place.area or place.gov}"]
    details = [
        f"وينص الاتفاق، بحسب المصادر، على أن يبدأ التنفيذ خلال {ctx.rng.randint(2, 10)} أيام، بإشراف لجنة مشتركة "
        "تضم ممثلين عن الطرفين.",
        "ويأتي الاتفاق بعد أسابيع من التوتر والاشتباكات المتقطعة التي أوقعت قتلى وجرحى من الجانبين.",
    ]
    return EventText(
        "agreement",
        "AGREE",
        ("Strategic developments", "Agreement"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "agreement", a1, a2, place, mediator=host, terms=terms),
    )


def reinforcements(ctx: Ctx) -> EventText:
    a1, _a2 = ctx.pick(ctx.theatre.dyads)
    place = ctx.place()
    n = ctx.rng.randint(5, 60)
    n1 = ctx.name(a1)
    lede = (
        f"{ctx.v(n1, 'استقدمت', 'استقدم')} {n1} {D} تعزيزات عسكرية جديدة إلى {ctx.where(place)}، تضم {n} آلية "
        f"{ctx.pick(('بين دبابات وعربات مصفحة', 'ومئات العناصر', 'وراجمات صواريخ'))}، {ctx.according()}."
    )
    headlines = [f"تعزيزات عسكرية {ctx.li(n1)} إلى {place.name}", f"حشود عسكرية في {place.area or place.gov}"]
    details = [
        "وتأتي التعزيزات وسط حديث عن عملية عسكرية مرتقبة في المنطقة، في حين رفعت الأطراف الأخرى جاهزيتها.",
        "وقالت المصادر إن الأرتال وصلت على دفعات خلال ساعات الليل وتمركزت في نقاط قريبة من خطوط التماس.",
    ]
    return EventText(
        "reinforcements",
        "MOBILIZE",
        ("Strategic developments", "Other"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "reinforcements", a1, None, place, vehicles=n),
    )


def accusation(ctx: Ctx) -> EventText:
    a1, a2 = ctx.pick(ctx.theatre.dyads)
    place = ctx.place()
    what = ctx.pick(
        (
            "ارتكاب انتهاكات بحق المدنيين",
            "خرق اتفاق وقف إطلاق النار",
            "تهريب المخدرات",
            "تجنيد الأطفال",
            "سرقة محاصيل الأهالي",
            "الوقوف وراء عمليات الاغتيال",
        )
    )
    lede = (
        f"اتهم {ctx.pick(('مسؤول في', 'الناطق باسم', 'قيادي في'))} {ctx.name(a1)} {D} {ctx.name(a2)} ب{what} "
        f"في {ctx.where(place)}."
    )
    n1, n2 = ctx.name(a1), ctx.name(a2)
    headlines = [f"{n1} {ctx.v(n1, 'تتهم', 'يتهم')} {n2} ب{what}", f"اتهامات متبادلة في {place.area or place.gov}"]
    details = [
        f"ولم {ctx.v(n2, 'ترد', 'يرد')} {n2} على الاتهامات حتى ساعة إعداد هذا الخبر، علماً "
        f"{ctx.v(n2, 'أنها نفت', 'أنه نفى')} في مناسبات سابقة "
        "اتهامات مماثلة.",
        f"ويأتي ذلك في ظل توتر متصاعد بين الطرفين في {place.area or place.gov}.",
    ]
    return EventText(
        "accusation",
        "ACCUSE",
        (None, None),
        "reported_claim",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "accusation", a1, a2, place, accusation=what),
    )


def threat(ctx: Ctx) -> EventText:
    a1, a2 = ctx.pick(ctx.theatre.dyads)
    place = ctx.place()
    lede = (
        f"هدد {ctx.pick(('قائد في', 'الناطق باسم', 'مسؤول في'))} {ctx.name(a1)} {D} بشن عملية عسكرية واسعة ضد "
        f"{ctx.name(a2)} في {ctx.where(place)}، في حال "
        f"{ctx.pick(('لم تنسحب من المنطقة', 'استمرت الهجمات', 'رفضت تسليم المطلوبين'))}."
    )
    n1 = ctx.name(a1)
    headlines = [
        f"{n1} {ctx.v(n1, 'تهدد', 'يهدد')} بعملية عسكرية في {place.name}",
        f"تهديدات بالتصعيد في {place.area or place.gov}",
    ]
    details = [
        'وأمهل المسؤول الطرف الآخر أياماً قليلة للاستجابة، مؤكداً أن "كل الخيارات مطروحة".',
        "ويخشى الأهالي من أن تتحول التهديدات إلى مواجهة مفتوحة تدفع بموجة نزوح جديدة.",
    ]
    return EventText(
        "threat",
        "THREATEN",
        (None, None),
        "threatened",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "threat", a1, a2, place),
    )


def promise(ctx: Ctx) -> EventText:
    place = ctx.place()
    host = ctx.pick(ctx.theatre.mediators or ("russia",))
    what = ctx.pick(
        (
            "الإفراج عن دفعة من المعتقلين",
            "إعادة تأهيل المدارس والمشافي",
            "سحب الحواجز العسكرية",
            "تأمين عودة النازحين",
            "إعادة الكهرباء والمياه",
        )
    )
    lede = (
        f"وعد {ctx.pick(('مسؤول في', 'ممثل عن', 'وفد من'))} {ctx.name(host)} {D} ب{what} في {ctx.where(place)} "
        f"خلال {ctx.pick(('أسبوعين', 'الأيام المقبلة', 'شهر'))}، {ctx.according()}."
    )
    nh = ctx.name(host)
    headlines = [f"وعود ب{what} في {place.name}", f"{nh} {ctx.v(nh, 'تعد', 'يعد')} أهالي {place.name}"]
    details = [
        "وقابل الأهالي الوعود بتشكيك، مذكرين بوعود مماثلة لم تنفذ خلال الأشهر الماضية.",
        "وتشترط الجهات المعنية لتنفيذ الوعود التزام الأطراف المحلية بالتهدئة.",
    ]
    return EventText(
        "promise",
        "AGREE",
        (None, None),
        "promised",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "promise", host, None, place, promise=what),
    )


def denial(ctx: Ctx) -> EventText:
    a1, a2 = ctx.pick(ctx.theatre.dyads)
    place = ctx.place()
    n1 = ctx.name(a1)
    its = ctx.v(n1, "ها", "ه")
    claim = ctx.pick(
        (
            f"انسحاب{its} من {place.name}",
            f"مقتل قائد بارز في صفوف{its} قرب {place.name}",
            f"تسليم مواقع{its} في {place.name} إلى {ctx.name(a2)}",
            f"قصف{its} أحياء سكنية في {place.name}",
        )
    )
    lede = (
        f"{ctx.v(n1, 'نفت', 'نفى')} {n1} {D} صحة الأنباء التي تحدثت عن {claim}، "
        f'{ctx.v(n1, "مؤكدة", "مؤكداً")} أن "هذه الأنباء عارية عن الصحة".'
    )
    headlines = [f"{n1} {ctx.v(n1, 'تنفي', 'ينفي')} {claim}", f"نفي رسمي لأنباء عن {claim}"]
    details = [
        f"وكانت حسابات مقربة من {ctx.name(a2)} قد تداولت الخبر خلال الساعات الماضية، مرفقاً بصور قالت إنها من المنطقة.",
        "ولم يتسن التحقق من صحة الروايتين من مصادر مستقلة.",
    ]
    return EventText(
        "denial",
        "REJECT",
        (None, None),
        "denied",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "denial", a1, a2, place, claim=claim),
    )


def attack(ctx: Ctx) -> EventText:
    a1, a2 = ctx.pick(ctx.theatre.dyads)
    place = ctx.place()
    killed = ctx.rng.randint(1, 12)
    lede = (
        f"أسفر هجوم شنته {ctx.name(a1)} {D} على {ctx.pick(('نقطة عسكرية', 'حاجز', 'رتل عسكري', 'مقر'))} في "
        f"{ctx.where(place)} عن مقتل {ctx.count(killed, 'member')} من {ctx.name(a2)}، {ctx.according()}."
    )
    headlines = [
        f"مقتل {ctx.count(killed, 'member')} بهجوم في {place.name}",
        f"هجوم على نقطة عسكرية في {place.area or place.gov}",
    ]
    details = [
        "وأوضحت المصادر أن المهاجمين استخدموا أسلحة رشاشة وقذائف صاروخية، قبل أن ينسحبوا من المكان.",
        f'في المقابل، تحدثت وسائل إعلام مقربة من {ctx.name(a2)} عن "إحباط هجوم" دون ذكر خسائر.',
    ]
    return EventText(
        "attack",
        "FIGHT",
        ("Battles", "Armed clash"),
        "occurred",
        headlines,
        lede,
        details,
        [],
        _gold(ctx, "attack", a1, a2, place, fatalities=killed),
    )


Template = Callable[[Ctx], EventText]
# (template, relative weight): violence dominates conflict news, as it does in ACLED.
TEMPLATES: tuple[tuple[Template, float], ...] = (
    (air_strike, 10),
    (drone_strike, 7),
    (shelling, 10),
    (clashes, 9),
    (capture, 4),
    (ied, 5),
    (landmine, 3),
    (assassination, 5),
    (abduction, 3),
    (arrests, 6),
    (protest, 6),
    (meeting, 4),
    (agreement, 3),
    (reinforcements, 5),
    (accusation, 4),
    (threat, 3),
    (promise, 2),
    (denial, 3),
    (attack, 6),
)


def actor_kind(key: str | None) -> str | None:
    return ACTORS[key].kind if key else None
