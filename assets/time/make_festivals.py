#!/usr/bin/env python3
"""Writes assets/time/festivals.tsv, the dates of India's moving festivals, from the
python-holidays package (MIT; https://github.com/vacanza/holidays), whose India, Nepal and
Guyana calendars carry official holiday dates. usage: pip install holidays==0.109 &&
python3 assets/time/make_festivals.py > assets/time/festivals.tsv

Only dates the package gives are written: Hindu, Sikh, Jain and Buddhist festivals for
2001-2035 (the years it covers), Chhath for 2010-2035 (Nepal's calendar), Islamic festivals
for 1990-2040 (computed from the Hijri calendar; 'estimated' where no official date is
known), Good Friday and Easter for 1990-2040."""
import datetime
import warnings

import holidays

warnings.simplefilter("ignore")
YEARS = range(1990, 2041)
# khabar's festival key -> (country, the package's holiday name, days after that date)
SOURCES = {
    "diwali": [("IN", "Diwali", 0)],
    "holi": [("IN", "Holi", 0)],
    "holika_dahan": [("IN", "Holi", -1)],
    "dussehra": [("IN", "Dussehra", 0)],
    "janmashtami": [("IN", "Janmashtami (Vaishnava)", 0)],
    "ram_navami": [("IN", "Ram Navami", 0)],
    "mahavir_jayanti": [("IN", "Mahavira's Birthday", 0)],
    "buddha_purnima": [("IN", "Buddha Purnima", 0)],
    "guru_nanak_jayanti": [("IN", "Guru Nanak's Birthday", 0)],
    "maha_shivaratri": [("IN", "Maha Shivaratri", 0)],
    "chhath": [("NP", "Chhath Parva", 0)],
    "eid_ul_fitr": [("IN", "Eid al-Fitr", 0)],
    "bakrid": [("IN", "Eid al-Adha", 0)],
    "muharram": [("IN", "Ashura", 0)],
    "good_friday": [("IN", "Good Friday", 0)],
    "easter": [("IN", "Good Friday", 2)],
}


def dates(country, name):
    out = {}
    for d, names in holidays.country_holidays(country, years=YEARS).items():
        for n in names.split("; "):
            if n.replace(" (estimated)", "") == name and d.year not in out:
                out[d.year] = d
    return out


print("# Dates of moving festivals, written by assets/time/make_festivals.py from python-holidays")
print(f"# {holidays.__version__} (MIT). festival key<TAB>year<TAB>date (YYYY-MM-DD)")
for key, sources in SOURCES.items():
    for country, name, shift in sources:
        for year, d in sorted(dates(country, name).items()):
            d = d + datetime.timedelta(days=shift)
            print(f"{key}\t{d.year}\t{d.isoformat()}")
