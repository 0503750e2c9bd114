import { expect, test } from 'vitest'
import { createChapterWithPeople, createJurisdiction } from '#tests/helpers/factories'
import { describeActor, failureAs, onlyRow, queryAs, rowsChangedAs, withRollback, type Actor } from '#tests/helpers/rls'

test('visitors, signed-in people in every chapter role and the service role read jurisdictions', () =>
	withRollback(async (client) => {
		const place = await createJurisdiction(client)
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const actors: Actor[] = ['anon', outsider, pending, invited, member, organizer, 'service_role']
		for (const actor of actors) {
			const { rows } = await queryAs(client, actor, 'select id from public.jurisdictions where id = any($1)', [
				[place.id, place.stateId, place.countryId],
			])
			expect(rows, describeActor(actor)).toHaveLength(3)
		}
	}))

test('nobody but the service role adds a jurisdiction', () =>
	withRollback(async (client) => {
		const place = await createJurisdiction(client)
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const actors: Actor[] = ['anon', outsider, pending, invited, member, organizer]
		for (const actor of actors) {
			const error = await failureAs(
				client,
				actor,
				`insert into public.jurisdictions (kind, name, parent_id, country_code, slug)
				values ('city', 'Intruder City', $1, 'US', $2)`,
				[place.id, `${place.slug}-intruder`],
			)
			expect(error.code, describeActor(actor)).toBe('42501')
		}
	}))

test('the service role adds a jurisdiction', () =>
	withRollback(async (client) => {
		const place = await createJurisdiction(client)
		const city = onlyRow(
			await queryAs<{ id: number }>(
				client,
				'service_role',
				`insert into public.jurisdictions (kind, name, parent_id, country_code, slug)
				values ('city', 'New City', $1, 'US', $2) returning id`,
				[place.id, `${place.slug}-city`],
			),
		)
		const { rows } = await client.query('select name from public.jurisdictions where id = $1', [city.id])
		expect(rows).toEqual([{ name: 'New City' }])
	}))

test('nobody but the service role renames a jurisdiction', () =>
	withRollback(async (client) => {
		const place = await createJurisdiction(client)
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const rename = `update public.jurisdictions set name = 'Renamed' where id = $1`
		const actors: Actor[] = ['anon', outsider, pending, invited, member, organizer]
		for (const actor of actors) {
			expect(await rowsChangedAs(client, actor, rename, [place.id]), describeActor(actor)).toBe(0)
		}
		const unchanged = await client.query('select name from public.jurisdictions where id = $1', [place.id])
		expect(unchanged.rows).not.toEqual([{ name: 'Renamed' }])
		expect(await rowsChangedAs(client, 'service_role', rename, [place.id])).toBe(1)
		const renamed = await client.query('select name from public.jurisdictions where id = $1', [place.id])
		expect(renamed.rows).toEqual([{ name: 'Renamed' }])
	}))

test('nobody but the service role deletes a jurisdiction', () =>
	withRollback(async (client) => {
		const place = await createJurisdiction(client)
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const remove = 'delete from public.jurisdictions where id = $1'
		const actors: Actor[] = ['anon', outsider, pending, invited, member, organizer]
		for (const actor of actors) {
			expect(await rowsChangedAs(client, actor, remove, [place.id]), describeActor(actor)).toBe(0)
		}
		expect(await rowsChangedAs(client, 'service_role', remove, [place.id])).toBe(1)
		const { rowCount } = await client.query('select 1 from public.jurisdictions where id = $1', [place.id])
		expect(rowCount).toBe(0)
	}))
