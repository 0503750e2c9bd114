import { expect, test } from 'vitest'
import { slugify as chapterSlug } from '#app/chapters/chapters.server'
import { slugify as petitionSlug } from '#app/petitions/petitions.server'
import { isSlug } from '#app/utils/slug'

// Chapters and petitions share one rule for turning a name into an address
// (app/utils/slug.ts), each with its own fallback; both are held to it here.

test('a chapter address is the name in lower case, accents dropped, every other run of characters one hyphen', () => {
	expect(chapterSlug('Friends of the Watershed!')).toBe('friends-of-the-watershed')
	expect(chapterSlug('Doña Ana Neighbors')).toBe('dona-ana-neighbors')
	expect(chapterSlug('  --Loudoun & Prince William--  ')).toBe('loudoun-prince-william')
	expect(chapterSlug('District 9: Route 15')).toBe('district-9-route-15')
})

test('a chapter address is at most 60 characters and never ends in a hyphen', () => {
	const slug = chapterSlug('Residents for Responsible Siting of Data Centers in Loudoun County Virginia')
	// Cut at 60 characters ("…-loudoun-"), then the dangling hyphen goes.
	expect(slug).toBe('residents-for-responsible-siting-of-data-centers-in-loudoun')
	expect(slug.length).toBeLessThanOrEqual(60)
})

test('a chapter name with nothing to keep gets the address "chapter"', () => {
	expect(chapterSlug('!!!')).toBe('chapter')
	expect(chapterSlug('')).toBe('chapter')
	expect(chapterSlug('日本')).toBe('chapter')
})

test('a petition address follows the same rule', () => {
	expect(petitionSlug('Pause new data-center zoning — now!')).toBe('pause-new-data-center-zoning-now')
	expect(petitionSlug('Café Niño')).toBe('cafe-nino')
	for (const name of [
		'Friends of the Watershed!',
		'Doña Ana Neighbors',
		'Residents for Responsible Siting of Data Centers in Loudoun County Virginia',
	]) {
		expect(petitionSlug(name)).toBe(chapterSlug(name))
	}
})

test('a petition address never takes a word the petition pages use (/petitions/new, /petitions/mine)', () => {
	expect(petitionSlug('New')).toBe('petition-new')
	expect(petitionSlug('MINE!')).toBe('petition-mine')
	expect(petitionSlug('Mine 2')).toBe('mine-2')
	expect(petitionSlug('!!!')).toBe('petition-new')
})

test('a route takes as an address only what an address could be, at most 80 characters', () => {
	expect(isSlug('friends-of-the-watershed')).toBe(true)
	expect(isSlug('district-9')).toBe(true)
	expect(isSlug('a'.repeat(80))).toBe(true)
	expect(isSlug('a'.repeat(81))).toBe(false)
	for (const bad of ['', 'Friends', '-friends', 'friends-', 'friends--of', 'friends_of', '../etc', 'dona%20ana']) {
		expect(isSlug(bad)).toBe(false)
	}
})
