import { expect, test } from 'vitest'
import { pathOnSite, safeRedirect } from '#app/utils/redirect'

test('paths on this site are kept, with their query and fragment', () => {
	expect(safeRedirect('/chapters/loudoun?tab=events#next')).toBe('/chapters/loudoun?tab=events#next')
})

test('anything that could leave the site falls back', () => {
	for (const target of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', 'evil.example', '', null, 42]) {
		expect(safeRedirect(target, '/account')).toBe('/account')
	}
})

test('a full URL from Auth becomes a path only when it is on our site', () => {
	expect(pathOnSite('http://localhost:3000/account?x=1', 'http://localhost:3000')).toBe('/account?x=1')
	expect(pathOnSite('https://evil.example/account', 'http://localhost:3000')).toBeNull()
	expect(pathOnSite('not a url', 'http://localhost:3000')).toBeNull()
})
