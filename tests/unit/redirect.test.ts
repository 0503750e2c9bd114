import { expect, test } from 'vitest'
import { pathOnSite, safeRedirect } from '#app/utils/redirect'

test('paths on this site are kept, with their query and fragment', () => {
	expect(safeRedirect('/chapters/loudoun?tab=events#next')).toBe('/chapters/loudoun?tab=events#next')
	expect(safeRedirect('/signin?redirectTo=%2Faccount')).toBe('/signin?redirectTo=%2Faccount')
	expect(safeRedirect('/petitions/a/../b')).toBe('/petitions/b')
})

test('anything that could leave the site falls back', () => {
	for (const target of [
		'//evil.example',
		'/\\evil.example',
		'https://evil.example/',
		'javascript:alert(1)',
		'evil.example',
		'',
		null,
		42,
	]) {
		expect(safeRedirect(target, '/account')).toBe('/account')
	}
})

// Each of these is a way to reach another host (or run script) through a
// Location header, in some browser or after some normalization step.
const hostile = [
	// dot segments that collapse into a protocol-relative path
	'/.//evil.example/phish',
	'/./\\evil.example',
	'/a/..//evil.example',
	'/a/../..//evil.example',
	'/a/./.././/evil.example',
	// encoded dots, slashes and backslashes
	'/%2e//evil.example',
	'/%2E//evil.example',
	'/%2e%2e//evil.example',
	'/a/%2e%2e//evil.example',
	'/%2fevil.example',
	'/%2F%2Fevil.example',
	'/%5cevil.example',
	'/%5C%5Cevil.example',
	'/.%2f/evil.example',
	// backslashes, which browsers read as slashes
	'\\\\evil.example',
	'/\\/evil.example',
	'\\/evil.example',
	// tabs, newlines and other control characters, which URL parsers drop
	'/\t/evil.example',
	'/\n/evil.example',
	'/\r\n/evil.example',
	'\t//evil.example',
	'/\u0000/evil.example',
	'/\u001f/evil.example',
	'/account\r\nSet-Cookie: x=1',
	// schemes and other hosts
	'javascript:alert(1)',
	'JavaScript:alert(1)',
	' javascript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'https://evil.example/phish',
	'http:evil.example',
	'https:/evil.example',
	'//evil.example/phish',
	'///evil.example',
	'//evil.example@groundwork.invalid',
]

test.each(hostile)('%j falls back instead of leaving the site', (target) => {
	expect(safeRedirect(target, '/account')).toBe('/account')
})

test('whatever comes back stays on this site when a browser follows it', () => {
	const site = 'https://groundwork.example'
	const targets = [...hostile, '/chapters/loudoun?tab=events#next', '/a/../b', '/petitions?q=//evil.example', '/a?next=\\evil']
	for (const target of targets) {
		const location = safeRedirect(target, '/account')
		expect(location.startsWith('/')).toBe(true)
		expect(location.startsWith('//')).toBe(false)
		// eslint-disable-next-line no-control-regex -- control characters are what this looks for
		expect(location).not.toMatch(/[\\\u0000-\u001f\u007f]/)
		expect(new URL(location, site).origin).toBe(site)
		// Normalizing it again changes nothing: it is already in its final form.
		expect(safeRedirect(location, '/other')).toBe(location)
	}
})

test('a full URL from Auth becomes a path only when it is on our site', () => {
	expect(pathOnSite('http://localhost:3000/account?x=1', 'http://localhost:3000')).toBe('/account?x=1')
	expect(pathOnSite('https://evil.example/account', 'http://localhost:3000')).toBeNull()
	expect(pathOnSite('not a url', 'http://localhost:3000')).toBeNull()
})

test('a full URL on our site whose path collapses to another host falls back to the home page', () => {
	expect(pathOnSite('http://localhost:3000/.//evil.example/phish', 'http://localhost:3000')).toBe('/')
	expect(pathOnSite('http://localhost:3000/a/..//evil.example', 'http://localhost:3000')).toBe('/')
})
