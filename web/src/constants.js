// Coded vocabularies and their colours.
export const ACLED_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
  "Riots", "Strategic developments"];
export const PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

const ACLED_COLOURS = {
  Battles: "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
  Protests: "#2980b9", Riots: "#16a085", "Strategic developments": "#7f8c8d",
};
// PLOVER: cooperative verbs blue/green, verbal conflict amber, material conflict red.
const PLOVER_COLOURS = {
  AGREE: "#2e86c1", CONSULT: "#5dade2", SUPPORT: "#1abc9c", CONCEDE: "#48c9b0", COOPERATE: "#27ae60",
  AID: "#58d68d", RETREAT: "#a9cce3", REQUEST: "#f4d03f", ACCUSE: "#f5b041", REJECT: "#eb984e",
  THREATEN: "#dc7633", PROTEST: "#af7ac5", SANCTION: "#a04000", MOBILIZE: "#cd6155", COERCE: "#b03a2e",
  ASSAULT: "#78281f",
};
export const OTHER = "#95a5a6";

export function eventColour(ev, by) {
  return by === "plover" ? PLOVER_COLOURS[ev.plover] ?? OTHER : ACLED_COLOURS[ev.acled_event_type] ?? OTHER;
}

export function legendEntries(by) {
  const table = by === "plover" ? PLOVER_COLOURS : ACLED_COLOURS;
  return Object.entries(table);
}

export const KIND_COLOURS = {
  state: "#34495e", state_forces: "#2e6ab0", government: "#5d6d7e", agency: "#5b2c6f",
  armed_group: "#c0392b", militia: "#d35400", collective: "#e67e22", party: "#1e8449", ngo: "#17a589",
  person: "#b7950b",
};

export function kindColour(kind) {
  return KIND_COLOURS[kind] ?? OTHER;
}

export const EDGE_COLOURS = {
  backs: "#1f618d", leads: "#b7950b", member_of: "#117864", hostile: "#c0392b", hostile_to: "#c0392b",
  cooperative: "#27ae60", allied_with: "#27ae60",
};
