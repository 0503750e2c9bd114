import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { geoPath } from 'd3-geo'
import { feature, mesh } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { escapeXml } from '#app/utils/xml'
import type { PlaceCount } from './petitions.server'
import { shadeFor } from './svg'

// Where signers live, drawn on the server as SVG from the US Census
// boundaries in us-atlas (already projected to Albers USA, 975 × 610), with
// d3-geo turning them into paths. No tile server, no script in the page.

type Bounds = [[number, number], [number, number]]
type Atlas = {
	states: Map<string, { name: string; path: string; bounds: Bounds }>
	borders: string
	nation: string
	counties: Map<string, string>
}

let atlas: Atlas | undefined

function loadAtlas(): Atlas {
	if (atlas) return atlas
	const file = createRequire(import.meta.url).resolve('us-atlas/counties-albers-10m.json')
	const topology: Topology<{
		counties: GeometryCollection<{ name: string }>
		states: GeometryCollection<{ name: string }>
		nation: GeometryCollection
	}> = JSON.parse(readFileSync(file, 'utf8'))
	const path = geoPath().digits(1)
	const states = new Map<string, { name: string; path: string; bounds: Bounds }>()
	for (const state of feature(topology, topology.objects.states).features) {
		states.set(String(state.id), { name: state.properties.name, path: path(state) ?? '', bounds: path.bounds(state) })
	}
	const counties = new Map<string, string>()
	for (const county of feature(topology, topology.objects.counties).features) counties.set(String(county.id), path(county) ?? '')
	atlas = {
		states,
		counties,
		borders: path(mesh(topology, topology.objects.states, (a, b) => a !== b)) ?? '',
		nation: path(feature(topology, topology.objects.nation)) ?? '',
	}
	return atlas
}

export type MapLabels = { title: string; description: string; signatures: (count: number) => string }

const FULL = { x: 0, y: 0, width: 975, height: 610 }

/** The part of the map to show: the states with signers, with a margin, at the full map's proportions. */
function frame(bounds: Bounds[]) {
	if (bounds.length === 0) return FULL
	const x0 = Math.min(...bounds.map((b) => b[0][0]))
	const y0 = Math.min(...bounds.map((b) => b[0][1]))
	const x1 = Math.max(...bounds.map((b) => b[1][0]))
	const y1 = Math.max(...bounds.map((b) => b[1][1]))
	const ratio = FULL.width / FULL.height
	let width = (x1 - x0) * 1.3
	let height = (y1 - y0) * 1.3
	if (width / height > ratio) height = width / ratio
	else width = height * ratio
	if (width >= FULL.width * 0.6) return FULL
	return { x: (x0 + x1) / 2 - width / 2, y: (y0 + y1) / 2 - height / 2, width, height }
}

/**
 * States shaded by confirmed signatures, with the counties that have signers
 * shaded on top, zoomed to the states with signers when they are few.
 */
export function renderPlacesMap(places: { states: PlaceCount[]; counties: PlaceCount[] }, labels: MapLabels) {
	const { states, counties, borders, nation } = loadAtlas()
	const stateMax = Math.max(0, ...places.states.map((s) => s.count))
	const countyMax = Math.max(0, ...places.counties.map((c) => c.count))
	const stateCounts = new Map(places.states.map((s) => [s.code, s.count]))
	const view = frame(
		places.states.flatMap((s) => {
			const bounds = states.get(s.code)?.bounds
			return bounds ? [bounds] : []
		}),
	)
	const thin = 'vector-effect="non-scaling-stroke"'
	const parts: string[] = []
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${view.x.toFixed(1)} ${view.y.toFixed(1)} ${view.width.toFixed(1)} ${view.height.toFixed(1)}" role="img" aria-labelledby="map-title map-desc">`,
		`<title id="map-title">${escapeXml(labels.title)}</title>`,
		`<desc id="map-desc">${escapeXml(labels.description)}</desc>`,
		`<rect x="${view.x}" y="${view.y}" width="${view.width}" height="${view.height}" fill="#ffffff"/>`,
		`<path d="${nation}" fill="#f1efe7"/>`,
	)
	for (const [fips, state] of states) {
		const count = stateCounts.get(fips) ?? 0
		if (count === 0) continue
		parts.push(
			`<path d="${state.path}" fill="${shadeFor(count, stateMax, 0.55)}"><title>${escapeXml(`${state.name}: ${labels.signatures(count)}`)}</title></path>`,
		)
	}
	for (const county of places.counties.slice(0, 1500)) {
		const path = counties.get(county.code)
		if (!path) continue
		parts.push(
			`<path d="${path}" fill="${shadeFor(county.count, countyMax, 1)}" stroke="#ffffff" stroke-width="0.75" ${thin}><title>${escapeXml(
				`${county.name}${county.region ? `, ${county.region}` : ''}: ${labels.signatures(county.count)}`,
			)}</title></path>`,
		)
	}
	parts.push(`<path d="${borders}" fill="none" stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round" ${thin}/>`)
	parts.push(`<path d="${nation}" fill="none" stroke="#4a534e" stroke-width="1" ${thin}/>`)
	parts.push('</svg>')
	return parts.join('')
}
