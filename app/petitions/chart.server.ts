import { escapeXml } from '#app/utils/xml'

// Signatures over time as a server-rendered SVG line chart. The page puts a
// table of the same numbers beside it.

export type ChartSeries = { label: string; color: string; points: Array<{ at: Date; value: number }> }

export type ChartLabels = { title: string; description: string; empty: string }

const WIDTH = 480
const HEIGHT = 280
const MARGIN = { top: 20, right: 16, bottom: 44, left: 64 }

export function renderLineChart(series: ChartSeries[], labels: ChartLabels, locale = 'en', timeZone = 'America/New_York') {
	const all = series.flatMap((s) => s.points)
	const head = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, sans-serif" font-size="16">`,
		`<title id="chart-title">${escapeXml(labels.title)}</title>`,
		`<desc id="chart-desc">${escapeXml(labels.description)}</desc>`,
		`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
	]
	if (all.length === 0) {
		return [
			...head,
			`<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" fill="#4a534e">${escapeXml(labels.empty)}</text>`,
			'</svg>',
		].join('')
	}
	const times = all.map((p) => p.at.getTime())
	let start = Math.min(...times)
	let end = Math.max(...times)
	if (end - start < 3_600_000) {
		start -= 1_800_000
		end += 1_800_000
	}
	const maxValue = Math.max(1, ...all.map((p) => p.value))
	const yMax = niceCeiling(maxValue)
	const plotW = WIDTH - MARGIN.left - MARGIN.right
	const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
	const x = (t: number) => MARGIN.left + ((t - start) / (end - start)) * plotW
	const y = (v: number) => MARGIN.top + plotH - (v / yMax) * plotH
	const numbers = new Intl.NumberFormat(locale, { notation: yMax >= 100_000 ? 'compact' : 'standard' })
	const dates = new Intl.DateTimeFormat(
		locale,
		end - start < 2 * 86_400_000 ? { hour: 'numeric', timeZone } : { month: 'short', day: 'numeric', timeZone },
	)
	const parts = [...head]
	for (let i = 0; i <= 4; i++) {
		const value = (yMax / 4) * i
		parts.push(
			`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#d6d3c8"/>`,
			`<text x="${MARGIN.left - 8}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end" fill="#4a534e">${escapeXml(numbers.format(value))}</text>`,
		)
	}
	for (let i = 0; i <= 4; i++) {
		const t = start + ((end - start) / 4) * i
		parts.push(
			`<text x="${x(t).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 20}" text-anchor="${i === 0 ? 'start' : i === 4 ? 'end' : 'middle'}" fill="#4a534e">${escapeXml(dates.format(new Date(t)))}</text>`,
		)
	}
	series.forEach((s, index) => {
		if (s.points.length === 0) return
		const sorted = [...s.points].sort((a, b) => a.at.getTime() - b.at.getTime())
		const line = sorted.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at.getTime()).toFixed(1)},${y(p.value).toFixed(1)}`).join('')
		parts.push(
			`<path d="${line}" fill="none" stroke="${s.color}" stroke-width="2.5" stroke-linejoin="round"${index > 0 ? ' stroke-dasharray="6 4"' : ''}/>`,
		)
		const last = sorted[sorted.length - 1]
		if (last) parts.push(`<circle cx="${x(last.at.getTime()).toFixed(1)}" cy="${y(last.value).toFixed(1)}" r="4" fill="${s.color}"/>`)
	})
	if (series.length > 1) {
		series.forEach((s, index) => {
			const lx = MARGIN.left + 8 + index * 190
			parts.push(
				`<line x1="${lx}" x2="${lx + 24}" y1="${MARGIN.top + 6}" y2="${MARGIN.top + 6}" stroke="${s.color}" stroke-width="2.5"${index > 0 ? ' stroke-dasharray="6 4"' : ''}/>`,
				`<text x="${lx + 30}" y="${MARGIN.top + 10}" fill="#1a1f1c">${escapeXml(s.label)}</text>`,
			)
		})
	}
	parts.push('</svg>')
	return parts.join('')
}

/** A round number at or above `value` for the top of the axis: 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeiling(value: number) {
	const power = 10 ** Math.floor(Math.log10(value))
	for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power
	return 10 * power
}

/** Running totals from per-period counts. */
export function cumulative(points: Array<{ at: Date; count: number }>) {
	let total = 0
	return points.map((p) => ({ at: p.at, value: (total += p.count) }))
}
