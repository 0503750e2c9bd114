import { expect, test } from 'vitest'
import { z } from 'zod'
import { withoutNulInForm, withoutNulInQuery } from '#app/http/nul-bytes.server'
import { petitionSchema } from '#app/petitions/schemas'
import { parseForm, readFileForm } from '#app/utils/forms.server'

// What the hostile-input crawl (tests/e2e/hostile-input.spec.ts) found, one
// rule each: NUL bytes never reach PostgreSQL, and a file name a browser
// sends as typed is read.

test('NULs are dropped from the query string, and nothing else in it changes', () => {
	expect(withoutNulInQuery(new URL('http://site.test/chapters?q=gw%00nul&near=%2500')).search).toBe('?q=gwnul&near=%2500')
	const clean = new URL('http://site.test/chapters?q=water')
	expect(withoutNulInQuery(clean)).toBe(clean)
})

test('NULs are dropped from a urlencoded form, encoded or raw; other bodies are left as they came', () => {
	const form = 'application/x-www-form-urlencoded;charset=UTF-8'
	expect(withoutNulInForm(Buffer.from('name=gw%00nul&note=a\0b&kept=%2500%C3%A9'), form).toString()).toBe(
		'name=gwnul&note=ab&kept=%2500%C3%A9',
	)
	const file = Buffer.from('--b\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n\0\0\r\n--b--\r\n')
	expect(withoutNulInForm(file, 'multipart/form-data; boundary=b')).toBe(file)
})

test('parseForm drops NULs before the schema sees the value', () => {
	const formData = new FormData()
	formData.set('name', 'Dana\0 Whitfield')
	expect(parseForm(formData, z.object({ name: z.string() }))).toEqual({ success: true, data: { name: 'Dana Whitfield' } })
})

function multipart(disposition: string) {
	return new Request('http://site.test/account', {
		method: 'POST',
		headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
		body: `--b\r\nContent-Disposition: ${disposition}\r\nContent-Type: image/png\r\n\r\npng\r\n--b--\r\n`,
	})
}

test('a file whose name has "=", ";" or quotes in it is read (the streaming parser threw on it)', async () => {
	const form = await readFileForm(multipart('form-data; name="avatar"; filename="me=2; %22best%22.png"'))
	const file = form?.get('avatar')
	expect(file).toBeInstanceOf(File)
	expect(file instanceof File && file.name).toBe('me=2; "best".png')
})

test('a body that is not a multipart form is no form, not an error', async () => {
	const broken = new Request('http://site.test/account', {
		method: 'POST',
		headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
		body: 'not multipart at all',
	})
	expect(await readFileForm(broken)).toBeNull()
})

test('a milestone larger than any goal is a field error, not an integer overflow in the database', () => {
	const petition = {
		title: 'Publish the water study first',
		decisionMaker: 'County Board of Supervisors',
		summary: 'Publish the full water study before any vote on the rezoning.',
		signatureGoal: '100',
		deadline: '',
	}
	const tooBig = petitionSchema.safeParse({ ...petition, customMilestones: '10, 2147483648' })
	expect(tooBig.success).toBe(false)
	expect(tooBig.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
		['customMilestones', 'Keep each milestone at or under 10,000,000 signatures'],
	])
	expect(petitionSchema.safeParse({ ...petition, customMilestones: '10, 10000000' }).success).toBe(true)
})
