import { createRequire } from 'node:module'
import { geoAlbersUsa, geoPath } from 'd3-geo'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { escapeXml } from '#app/utils/xml'
import type { ChapterPoint } from './chapters.server'
import { MAP_HEIGHT, MAP_SCALE, MAP_WIDTH } from './map'

// The chapter map: US states (Census Bureau boundaries from us-atlas,
// already projected to Albers USA at 975×610) drawn as a small SVG on the
// server, with a dot for each chapter. Coordinates are scaled by 3/4 and
// rounded to whole units, points that collapse or fall on a line are
// dropped and steps are written relative: about 30 KB, 8 KB gzipped. The
// page shows it as an image beside a table with the same facts and links.

const SCALE = MAP_SCALE

type StateShape = { fips: string; name: string; d: string }

let shapes: StateShape[] | undefined

function statesTopology(): Topology<{ states: GeometryCollection<{ name: string }> }> {
	const require = createRequire(import.meta.url)
	return require('us-atlas/states-albers-10m.json')
}

function ringPath(ring: number[][]) {
	const points: Array<[number, number]> = []
	for (const [x = 0, y = 0] of ring) {
		const point: [number, number] = [Math.round(x * SCALE), Math.round(y * SCALE)]
		const last = points.at(-1)
		if (last && last[0] === point[0] && last[1] === point[1]) continue
		// Drop the middle of three points on one line.
		while (points.length >= 2) {
			const [a, b] = [points[points.length - 2], points[points.length - 1]]
			if (!a || !b || (b[0] - a[0]) * (point[1] - a[1]) !== (b[1] - a[1]) * (point[0] - a[0])) break
			points.pop()
		}
		points.push(point)
	}
	if (points.length < 4) return ''
	let d = ''
	points.forEach(([x, y], index) => {
		const previous = points[index - 1]
		d += previous ? `l${x - previous[0]} ${y - previous[1]}` : `M${x} ${y}`
	})
	return `${d.replace(/ -/g, '-')}z`
}

/** Each state's outline, computed once per process. */
export function stateShapes(): StateShape[] {
	if (shapes) return shapes
	const topology = statesTopology()
	const collection = feature(topology, topology.objects.states)
	shapes = collection.features.map((state) => {
		const geometry = state.geometry
		const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : []
		return {
			fips: String(state.id ?? ''),
			name: state.properties.name,
			d: polygons.flatMap((polygon) => polygon.map(ringPath)).join(''),
		}
	})
	return shapes
}

let bounds: Map<string, [number, number, number, number]> | undefined

/** A state's box on the map (x, y, width, height), to draw one state alone. */
export function stateBox(fips: string): [number, number, number, number] | null {
	if (!bounds) {
		const topology = statesTopology()
		const path = geoPath(null)
		bounds = new Map(
			feature(topology, topology.objects.states).features.map((state) => {
				const [[x0, y0], [x1, y1]] = path.bounds(state)
				return [String(state.id ?? ''), [x0 * SCALE, y0 * SCALE, (x1 - x0) * SCALE, (y1 - y0) * SCALE]]
			}),
		)
	}
	return bounds.get(fips) ?? null
}

// The projection us-atlas used for its pre-projected files.
const projection = geoAlbersUsa().scale(1300).translate([487.5, 305])

/** Where a place appears on the map, or null outside the 50 states and DC. */
export function mapPoint(longitude: number, latitude: number): [number, number] | null {
	const point = projection([longitude, latitude])
	return point ? [Math.round(point[0] * SCALE), Math.round(point[1] * SCALE)] : null
}

/** The whole map as an SVG document: states with chapters shaded, a dot per chapter. */
export function chapterMapSvg(points: ChapterPoint[], labels: { title: string; description: string }) {
	const withChapters = new Set(points.flatMap((point) => (point.state ? [point.state.fips] : [])))
	const states = stateShapes()
		.map(
			(state) =>
				`<path d="${state.d}" class="${withChapters.has(state.fips) ? 'on' : 'off'}"><title>${escapeXml(state.name)}</title></path>`,
		)
		.join('')
	const dots = points
		.flatMap((point) => {
			if (point.latitude === null || point.longitude === null) return []
			const at = mapPoint(point.longitude, point.latitude)
			return at ? [`<circle cx="${at[0]}" cy="${at[1]}" r="6"><title>${escapeXml(point.name)}</title></circle>`] : []
		})
		.join('')
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" width="${MAP_WIDTH}" height="${MAP_HEIGHT}" role="img" aria-labelledby="t d">` +
		`<title id="t">${escapeXml(labels.title)}</title><desc id="d">${escapeXml(labels.description)}</desc>` +
		'<style>.off{fill:#f1efe7}.on{fill:#cfe5d8}path{stroke:#8a8f88;stroke-width:.75;stroke-linejoin:round}circle{fill:#17623f;stroke:#fff;stroke-width:2}</style>' +
		`<g>${states}</g><g>${dots}</g></svg>`
	)
}
