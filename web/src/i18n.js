// Interface strings in English and Arabic. Article text is never translated here: it is shown as is.

const STRINGS = {
  en: {
    title: "marsad", subtitle: "conflict events from Arabic news",
    map: "Map", network: "Network", articles: "Articles", language: "العربية",
    filters: "Filters", eventType: "Event type", anyType: "Any type", actor: "Actor",
    actorPlaceholder: "Arabic or English name, alias", actorKind: "Actor kind", anyKind: "Any kind",
    governorate: "Governorate", anyGovernorate: "Any governorate", outlet: "Outlet", anyOutlet: "Any outlet",
    status: "Status", showHidden: "Show promised and denied", search: "Text search",
    searchPlaceholder: "summary, actor or place names", clear: "Clear filters", colourBy: "Colour by",
    events: "events", eventsShown: "{n} events", of: "of", loading: "Loading…",
    loadingEvents: "Loading events {n} of {total}", loaded: "Loaded in {ms} ms", error: "Could not load: {msg}",
    timeline: "Timeline", brushHint: "Drag on the timeline to filter by time; double-click to reset.",
    allTime: "All dates", close: "Close", event: "Event", type: "Type", mode: "Mode",
    acled: "ACLED type", subType: "Sub-event type", plover: "PLOVER type", actor1: "Actor 1", actor2: "Actor 2",
    place: "Place", date: "Date", precision: "precision", confidence: "Confidence", fatalities: "Fatalities",
    injured: "Injured", summary: "Summary", sources: "Sources", evidence: "Evidence", framing: "Framing",
    attributedTo: "Attributed to", openArticle: "Open article", unknown: "unknown",
    names: "Names and aliases", framings: "Framings used by outlets", patrons: "Backed by", people: "People",
    recentEvents: "Recent events", members: "Member of", kind: "Kind", country: "Country",
    removedFurniture: "Removed page furniture ({n})", sourceLink: "Source", noSourceLink: "no link",
    mentions: "Mentions", legend: "Legend", reader: "Article", published: "Published",
    noEvents: "No events match these filters.", noArticles: "No articles.", networkHint:
      "Nodes are actors (colour: kind, size: events); edges are relations and event interactions.",
    edgeTypes: "Edges", actorsList: "Actors in the network", settings: "Settings",
    tiles: "Tile server URL (optional, {z}/{x}/{y})", save: "Save", sentence: "Sentence", trigger: "Trigger",
    counterparts: "Counterparts", aliases: "Aliases", roles: "Roles", skip: "Skip to content",
    governorateOutlines: "Governorate outlines: Natural Earth admin-1",
    networkCounts: "{nodes} actors · {edges} edges", undated: "{n} undated", eventsHeading: "Events in this article",
  },
  ar: {
    title: "مرصد", subtitle: "أحداث النزاع من الأخبار العربية",
    map: "الخريطة", network: "الشبكة", articles: "المقالات", language: "English",
    filters: "المرشّحات", eventType: "نوع الحدث", anyType: "كل الأنواع", actor: "الفاعل",
    actorPlaceholder: "الاسم بالعربية أو الإنكليزية أو اسم بديل", actorKind: "نوع الفاعل", anyKind: "كل الأنواع",
    governorate: "المحافظة", anyGovernorate: "كل المحافظات", outlet: "الوسيلة الإعلامية", anyOutlet: "كل الوسائل",
    status: "الحالة", showHidden: "إظهار الوعود والنفي", search: "بحث نصي",
    searchPlaceholder: "الملخص أو أسماء الفاعلين والأماكن", clear: "مسح المرشّحات", colourBy: "التلوين حسب",
    events: "حدث", eventsShown: "{n} حدث", of: "من", loading: "جارٍ التحميل…",
    loadingEvents: "تحميل الأحداث {n} من {total}", loaded: "حُمّل في {ms} ملّي ثانية", error: "تعذّر التحميل: {msg}",
    timeline: "الخط الزمني", brushHint: "اسحب على الخط الزمني للتصفية بالزمن؛ نقرتان لإعادة الضبط.",
    allTime: "كل التواريخ", close: "إغلاق", event: "حدث", type: "النوع", mode: "الصيغة",
    acled: "نوع ACLED", subType: "النوع الفرعي", plover: "نوع PLOVER", actor1: "الفاعل الأول", actor2: "الفاعل الثاني",
    place: "المكان", date: "التاريخ", precision: "الدقة", confidence: "الثقة", fatalities: "القتلى",
    injured: "الجرحى", summary: "الملخّص", sources: "المصادر", evidence: "الدليل", framing: "التأطير",
    attributedTo: "منسوب إلى", openArticle: "فتح المقال", unknown: "غير معروف",
    names: "الأسماء والأسماء البديلة", framings: "تسميات الوسائل الإعلامية", patrons: "مدعوم من", people: "الأشخاص",
    recentEvents: "أحدث الأحداث", members: "عضو في", kind: "النوع", country: "البلد",
    removedFurniture: "عناصر الصفحة المحذوفة ({n})", sourceLink: "المصدر", noSourceLink: "لا رابط",
    mentions: "الإشارات", legend: "المفتاح", reader: "المقال", published: "تاريخ النشر",
    noEvents: "لا أحداث تطابق هذه المرشّحات.", noArticles: "لا مقالات.", networkHint:
      "العُقد فاعلون (اللون: النوع، الحجم: عدد الأحداث)؛ والروابط علاقات وتفاعلات في الأحداث.",
    edgeTypes: "الروابط", actorsList: "الفاعلون في الشبكة", settings: "الإعدادات",
    tiles: "عنوان خادم البلاطات (اختياري، {z}/{x}/{y})", save: "حفظ", sentence: "الجملة", trigger: "الفعل الدال",
    counterparts: "الأطراف المقابلة", aliases: "أسماء بديلة", roles: "المناصب", skip: "انتقل إلى المحتوى",
    governorateOutlines: "حدود المحافظات: Natural Earth",
    networkCounts: "{nodes} فاعلاً · {edges} رابطاً", undated: "{n} بلا تاريخ", eventsHeading: "الأحداث في هذا المقال",
  },
};

// Labels of coded values (event types, statuses, kinds, mention types).
const VALUES = {
  ar: {
    occurred: "وقع", attempted: "محاولة", failed: "فشل", planned: "مخطط", promised: "وعد", threatened: "تهديد",
    denied: "نفي", conditional: "مشروط", reported_claim: "ادعاء منقول",
    Battles: "معارك", "Explosions/Remote violence": "تفجيرات/عنف عن بعد", "Violence against civilians":
      "عنف ضد المدنيين", Protests: "احتجاجات", Riots: "أعمال شغب", "Strategic developments": "تطورات استراتيجية",
    PERSON: "شخص", ORG: "منظمة", ARMED_GROUP: "جماعة مسلحة", STATE: "دولة", LOCATION: "مكان", FACILITY: "منشأة",
    DATE: "تاريخ", NORP: "جماعة", backs: "يدعم", leads: "يقود", member_of: "عضو في", hostile_to: "معادٍ لـ",
    allied_with: "حليف لـ", hostile: "عدائي", cooperative: "تعاوني", state: "دولة", state_forces: "قوات حكومية",
    government: "حكومة", agency: "جهاز", armed_group: "جماعة مسلحة", militia: "ميليشيا", collective: "مجموع فصائل",
    party: "حزب", ngo: "منظمة غير حكومية", role: "منصب",
  },
};

let lang = localStorage.getItem("marsad.lang") === "ar" ? "ar" : "en";
const listeners = new Set();

export const getLang = () => lang;

export function t(key, vars = {}) {
  const s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

export function tv(value) {
  if (value === null || value === undefined) return "";
  return (VALUES[lang] && VALUES[lang][value]) || String(value).replace(/_/g, " ");
}

export function setLang(next) {
  lang = next === "ar" ? "ar" : "en";
  localStorage.setItem("marsad.lang", lang);
  applyDirection();
  listeners.forEach((fn) => fn(lang));
}

export function onLang(fn) {
  listeners.add(fn);
}

export function applyDirection() {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
}

// A bilingual name: the Arabic one in Arabic mode when there is one.
export function nameOf(record) {
  if (!record) return "";
  if (lang === "ar" && record.name_ar) return record.name_ar;
  return record.name_en || record.name_ar || record.id || "";
}
