// The chapter map's size, shared by the page (the <img> reserves its space,
// so nothing shifts) and by map.server.ts, which draws it.
export const MAP_SCALE = 0.75
export const MAP_WIDTH = Math.round(975 * MAP_SCALE)
export const MAP_HEIGHT = Math.round(610 * MAP_SCALE)
