// Arabic-insensitive matching for the actor search: the same folding the back end uses for keys
// (diacritics, tatweel, hamza forms of alef, taa marbuta, alef maqsura), plus case for Latin names.
const DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;

export function fold(s) {
  return String(s ?? "")
    .normalize("NFKC")
    .replace(DIACRITICS, "")
    .replace(/[إأآٱ]/g, "ا")
    .replace(/ة/g, "ه")
    .replace(/ى/g, "ي")
    .replace(/[ؤ]/g, "و")
    .replace(/[ئ]/g, "ي")
    .toLowerCase()
    .replace(/[-_'’`.]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

// Every name an actor is known by: names, aliases and the outlets' surface forms.
export function actorNames(actor) {
  const names = [actor.name_en, actor.name_ar, ...(actor.aliases || [])];
  for (const f of actor.framings || []) names.push(f.surface);
  return names.filter(Boolean);
}

export function matchesActor(actor, query) {
  const q = fold(query);
  if (!q) return false;
  return actorNames(actor).some((n) => fold(n).includes(q)) || fold(actor.id).includes(q);
}
