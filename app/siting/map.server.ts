import { MAP_HEIGHT, MAP_WIDTH } from '#app/chapters/map'
import { mapPoint, stateBox, stateShapes } from '#app/chapters/map.server'
import type { ProjectStatus } from '#app/db/types'
import { escapeXml } from '#app/utils/xml'

// The project map: the country, or one state, with a dot per project
// coloured by where it stands. Drawn on the server like the chapter map
// (docs/decisions/016); the page shows a table with the same facts beside it.

const TONE: Record<ProjectStatus, 'pending' | 'stopped' | 'built'> = {
	rumored: 'pending',
	proposed: 'pending',
	under_review: 'pending',
	approved: 'built',
	under_construction: 'built',
	operating: 'built',
	denied: 'stopped',
	withdrawn: 'stopped',
}

export type MapProject = { name: string; status: ProjectStatus; latitude: number | null; longitude: number | null }

export function projectMapSvg(points: MapProject[], options: { title: string; description: string; stateFips?: string | null }) {
	const box = options.stateFips ? stateBox(options.stateFips) : null
	const pad = box ? Math.max(box[2], box[3]) * 0.05 : 0
	const viewBox = box
		? [box[0] - pad, box[1] - pad, box[2] + 2 * pad, box[3] + 2 * pad].map((n) => Math.round(n)).join(' ')
		: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`
	// Dots keep their size on screen whether the map shows the country or one state.
	const zoom = box ? Math.max(box[2] / MAP_WIDTH, box[3] / MAP_HEIGHT) : 1
	const r = Math.max(1.5, 5 * zoom)
	const states = stateShapes()
		.filter((state) => !box || state.fips === options.stateFips || true)
		.map(
			(state) =>
				`<path d="${state.d}" class="${state.fips === options.stateFips ? 'on' : 'off'}"><title>${escapeXml(state.name)}</title></path>`,
		)
		.join('')
	const dots = points
		.flatMap((point) => {
			if (point.latitude === null || point.longitude === null) return []
			const at = mapPoint(point.longitude, point.latitude)
			return at
				? [
						`<circle cx="${at[0]}" cy="${at[1]}" r="${r.toFixed(1)}" class="${TONE[point.status]}"><title>${escapeXml(point.name)}</title></circle>`,
					]
				: []
		})
		.join('')
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" width="${MAP_WIDTH}" height="${MAP_HEIGHT}" role="img" aria-labelledby="t d">` +
		`<title id="t">${escapeXml(options.title)}</title><desc id="d">${escapeXml(options.description)}</desc>` +
		`<style>.off{fill:#f1efe7}.on{fill:#e9e6da}path{stroke:#8a8f88;stroke-width:${(0.75 * zoom).toFixed(2)};stroke-linejoin:round}circle{stroke:#fff;stroke-width:${(1 * zoom).toFixed(2)};fill-opacity:.85}.pending{fill:#b45309}.stopped{fill:#17623f}.built{fill:#6b7280}</style>` +
		`<g>${states}</g><g>${dots}</g></svg>`
	)
}
