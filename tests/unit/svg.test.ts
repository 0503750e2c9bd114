import { expect, test } from 'vitest'
import { chapterMapSvg } from '#app/chapters/map.server'
import { cumulative, niceCeiling } from '#app/petitions/chart.server'
import { shadeFor, SHADES } from '#app/petitions/svg'
import { escapeXml } from '#app/utils/xml'

// The chapter map and the petition charts write SVG by hand, through one
// escapeXml; whatever anyone typed (a chapter name, a title) must never become markup.

const typed = `<script>alert("x")</script> & 'friends'`

test('text for SVG has every markup character escaped', () => {
	expect(escapeXml(typed)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;friends&apos;')
	expect(escapeXml('Loudoun County')).toBe('Loudoun County')
})

test('the chapter map escapes chapter names and its labels too', () => {
	const svg = chapterMapSvg([{ slug: 'loudoun', name: typed, latitude: 39.1, longitude: -77.6, state: null }], {
		title: 'Chapters & <friends>',
		description: typed,
	})
	expect(svg).not.toContain('<script')
	expect(svg).not.toContain(`"x"`)
	expect(svg).toContain('<title id="t">Chapters &amp; &lt;friends&gt;</title>')
	expect(svg).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;friends&apos;</title></circle>')
})

test('map shades run from none to the darkest green as the count nears the largest', () => {
	expect(shadeFor(0, 100)).toBe('#f1efe7')
	expect(shadeFor(5, 0)).toBe('#f1efe7')
	expect(shadeFor(1, 10_000)).toBe(SHADES[0])
	expect(shadeFor(100, 100)).toBe(SHADES[SHADES.length - 1])
	// Big areas are held back to a lighter shade.
	expect(shadeFor(100, 100, 0.55)).toBe(SHADES[2])
	const shades = [1, 5, 20, 50, 100].map((count) => SHADES.indexOf(shadeFor(count, 100)))
	expect(shades).toEqual([...shades].sort((a, b) => a - b))
})

test('a chart’s axis tops out at a round number at or above the largest value', () => {
	expect([7, 10, 12, 250, 251, 0.3, 1000].map(niceCeiling)).toEqual([10, 10, 20, 250, 500, 0.5, 1000])
})

test('a chart’s line is the running total', () => {
	const at = (day: number) => new Date(Date.UTC(2026, 11, day))
	expect(
		cumulative([
			{ at: at(1), count: 3 },
			{ at: at(2), count: 0 },
			{ at: at(3), count: 4 },
		]),
	).toEqual([
		{ at: at(1), value: 3 },
		{ at: at(2), value: 3 },
		{ at: at(3), value: 7 },
	])
})
