// Names of actors and places known to the page, for labels and the free-text filter.
export const actorsById = new Map();
export const placesById = new Map();
