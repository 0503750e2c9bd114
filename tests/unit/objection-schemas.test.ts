import { expect, test } from 'vitest'
import { groundSchema, objectionSchema, reliefFrom, signSchema } from '#app/objections/schemas'

test('a ground without an argument is refused with a message that says what to write', () => {
	const result = groundSchema.safeParse({ kind: 'noise', title: '', argument: '   ' })
	expect(result.success).toBe(false)
	expect(result.error?.issues[0]?.message).toContain('Write the argument')
	expect(groundSchema.safeParse({ kind: 'vibes', argument: 'x' }).success).toBe(false)
})

test('relief comes from its checkboxes and conditions one per line', () => {
	const result = objectionSchema.safeParse({
		subject: 'Objection to the rezoning',
		relief_deny: 'on',
		relief_conditions: 'on',
		reliefConditions: 'No testing before 9 am\n\n  Tier 4 generators  \n',
	})
	expect(result.success).toBe(true)
	expect(result.data ? reliefFrom(result.data) : []).toEqual(['deny', 'conditions'])
	expect(result.data?.reliefConditions).toEqual(['No testing before 9 am', 'Tier 4 generators'])
})

test('signing needs consent to the version shown, and an organization needs its name', () => {
	const base = { kind: 'person', name: 'Begoña Muñoz', email: 'b@example.org', address: '4 Elm Court, Leesburg', version: '3' }
	const noConsent = signSchema.safeParse(base)
	expect(noConsent.success).toBe(false)
	expect(noConsent.error?.issues.map((issue) => issue.path[0])).toEqual(['consent'])
	expect(signSchema.safeParse({ ...base, consent: 'on' }).data?.version).toBe(3)
	const organization = signSchema.safeParse({ ...base, consent: 'on', kind: 'organization' })
	expect(organization.error?.issues.map((issue) => issue.path[0])).toEqual(['organization'])
})
