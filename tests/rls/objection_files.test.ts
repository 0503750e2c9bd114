import { expect, test } from 'vitest'
import { approve, createObjectionWorld } from '#tests/helpers/objection-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// The private objection-files bucket (storage.objects): evidence, letters, filings and receipts.

const put = `insert into storage.objects (bucket_id, name, owner) values ('objection-files', $1, $2)`
const read = `select name from storage.objects where bucket_id = 'objection-files' and name = $1`

test('the bucket is private and only the chapter reads evidence', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		expect((await client.query(`select public from storage.buckets where id = 'objection-files'`)).rows[0]).toEqual({ public: false })
		const path = `${world.objection.id}/evidence/noise-study.pdf`
		expect((await failureAs(client, world.member, put, [path, world.member.id])).code).toBe('42501')
		expect(await rowsChangedAs(client, world.organizer, put, [path, world.organizer.id])).toBe(1)
		expect(await rowsVisibleAs(client, world.member, read, [path])).toHaveLength(1)
		expect(await rowsVisibleAs(client, world.otherOrganizer, read, [path])).toHaveLength(0)
		expect(await rowsVisibleAs(client, 'anon', read, [path])).toHaveLength(0)
	}))

test('a representative stores their authorization letter in their own folder once the text is approved', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		await approve(client, world)
		const own = `${world.objection.id}/letters/${world.otherOrganizer.id}/letter.pdf`
		expect(await rowsChangedAs(client, world.otherOrganizer, put, [own, world.otherOrganizer.id])).toBe(1)
		expect(await rowsVisibleAs(client, world.otherOrganizer, read, [own])).toHaveLength(1)
		const someoneElses = `${world.objection.id}/letters/${world.member.id}/letter.pdf`
		expect((await failureAs(client, world.otherOrganizer, put, [someoneElses, world.otherOrganizer.id])).code).toBe('42501')
		expect(await rowsVisibleAs(client, world.organizer, read, [own])).toHaveLength(1)
	}))
