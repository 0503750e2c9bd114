import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { authorFor, byRole, createDocument, createProceeding, createProject, createSitingWorld } from '#tests/helpers/siting-factories'

// A proceeding's documents: everyone reads them; the project's editors add
// them (as themselves) and correct them; they stay on the record.

const read = 'select id from public.proceeding_documents where id = $1'
const insert = `insert into public.proceeding_documents (proceeding_id, title, url, published_on, added_by)
	values ($1, 'Applicant’s statement of justification', 'https://example.org/justification.pdf', '2026-02-01', $2)`
const correct = `update public.proceeding_documents set url = 'https://example.org/justification-rev1.pdf' where id = $1`

test('everyone reads a proceeding’s documents', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const document = await createDocument(client, (await createProceeding(client, world.project)).id, world.organizer)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [document.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('only the project’s editors add a document, as themselves', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proceeding = await createProceeding(client, world.project)
		const added = await byRole(world, (actor, role) => rowsChangedAs(client, actor, insert, [proceeding.id, authorFor(world, role)]))
		expect(added).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		expect((await failureAs(client, world.organizer, insert, [proceeding.id, world.member.id])).code).toBe('42501')
	}))

test('only the project’s editors correct a document, and never move it to a proceeding they do not edit', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const document = await createDocument(client, (await createProceeding(client, world.project)).id, world.organizer)
		const corrected = await byRole(world, (actor) => rowsChangedAs(client, actor, correct, [document.id]))
		expect(corrected).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const elsewhere = await createProceeding(client, await createProject(client, world.place))
		const moved = await failureAs(client, world.organizer, 'update public.proceeding_documents set proceeding_id = $2 where id = $1', [
			document.id,
			elsewhere.id,
		])
		expect(moved.code).toBe('42501')
	}))

test('nobody deletes a document', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const document = await createDocument(client, (await createProceeding(client, world.project)).id, world.organizer)
		const removed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.proceeding_documents where id = $1', [document.id]),
		)
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.proceeding_documents')).code).toBe('42501')
		}
	}))

test('who added a document, and when, stay as recorded', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const row = await createDocument(client, (await createProceeding(client, world.project)).id, world.organizer)
		for (const [column, value] of [
			['added_by', world.member.id],
			['created_at', '2020-01-01'],
		] as const) {
			const refused = await failureAs(client, world.organizer, `update public.proceeding_documents set ${column} = $2 where id = $1`, [
				row.id,
				value,
			])
			expect(refused.code, column).toBe('42501')
		}
	}))
