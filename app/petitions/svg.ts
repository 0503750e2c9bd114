// Five greens from light to the action colour: one hue reads in grey and for colour-blind readers.
export const SHADES = ['#cfe8d9', '#9fd0b3', '#5fae83', '#2f8a5b', '#17623f']

/** The shade for a count out of the largest count; `lightest` < 1 keeps big areas from overwhelming small ones. */
export function shadeFor(count: number, max: number, lightest = 1) {
	if (max <= 0 || count <= 0) return '#f1efe7'
	const fraction = Math.sqrt(count / max) * lightest
	const index = Math.min(SHADES.length - 1, Math.max(0, Math.ceil(fraction * SHADES.length) - 1))
	return SHADES[index] ?? '#17623f'
}
