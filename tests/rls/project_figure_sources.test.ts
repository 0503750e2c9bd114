import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, citeFigure, createSitingWorld, createSource } from '#tests/helpers/siting-factories'

// Which source backs which figure: public; the project's editors cite,
// mark unverified and drop citations.

const read = 'select figure from public.project_figure_sources where project_id = $1 and source_id = $2'
const cite = 'insert into public.project_figure_sources (project_id, figure, source_id) values ($1, $2, $3)'
const unverify = 'update public.project_figure_sources set unverified = true where project_id = $1 and source_id = $2'
const drop = 'delete from public.project_figure_sources where project_id = $1 and source_id = $2'

// One figure per position, so each citation is a new row.
const FIGURE = {
	anon: 'acres',
	member: 'building_sq_ft',
	organizer: 'water_gallons_per_day',
	otherOrganizer: 'jobs_promised',
	moderator: 'investment_usd',
}

test('everyone reads which source backs a figure', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const source = await createSource(client, world.project)
		await citeFigure(client, world.project, source.id, 'megawatts')
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.project.id, source.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('only the project’s editors cite a source for a figure', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const source = await createSource(client, world.project)
		const cited = await byRole(world, (actor, role) => rowsChangedAs(client, actor, cite, [world.project.id, FIGURE[role], source.id]))
		expect(cited).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('only the project’s editors mark a citation unverified', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const source = await createSource(client, world.project)
		await citeFigure(client, world.project, source.id)
		const marked = await byRole(world, (actor) => rowsChangedAs(client, actor, unverify, [world.project.id, source.id]))
		expect(marked).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('only the project’s editors drop a citation', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const dropped = await byRole(world, async (actor) => {
			const source = await createSource(client, world.project)
			await citeFigure(client, world.project, source.id)
			return rowsChangedAs(client, actor, drop, [world.project.id, source.id])
		})
		expect(dropped).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.project_figure_sources')).code).toBe('42501')
		}
	}))
