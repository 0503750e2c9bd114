import { expect, test } from 'vitest'
import { byRole, createCampaignWorld, createStage } from '#tests/helpers/campaign-factories'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// A stage's evidence files (docs/decisions/075): the rows in
// campaign_stage_files and the objects in the private `campaign-files`
// bucket. Held for the campaign's managers until one of them makes a file
// public; then anyone who may see the campaign reads it. Managers upload and
// remove; nobody replaces a stored file in place.

const upload = `insert into storage.objects (bucket_id, name, owner, metadata)
	values ('campaign-files', $1, $2, jsonb_build_object('mimetype', $3::text))`
const read = `select name from storage.objects where bucket_id = 'campaign-files' and name = $1`
const addRow = `insert into public.campaign_stage_files (campaign_id, stage_id, title, storage_path, content_type, size_bytes, added_by)
	values ($1, $2, 'Certificate', $3, 'application/pdf', 100, $4) returning id`

test('the bucket is private, with a size limit and PDFs and images only', () =>
	withRollback(async (client) => {
		const { rows } = await client.query(
			`select public, file_size_limit, allowed_mime_types from storage.buckets where id = 'campaign-files'`,
		)
		expect(rows).toEqual([
			{ public: false, file_size_limit: '10485760', allowed_mime_types: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] },
		])
	}))

test('only the campaign’s managers upload into its folder, and only PDFs and images', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const uploaded = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, upload, [
				`${world.campaign.id}/${role}.pdf`,
				role === 'anon' ? null : world[role].id,
				'application/pdf',
			]),
		)
		expect(uploaded).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		for (const type of ['text/html', 'image/svg+xml', 'application/zip']) {
			expect((await failureAs(client, world.organizer, upload, [`${world.campaign.id}/x`, world.organizer.id, type])).code, type).toBe(
				'42501',
			)
		}
		for (const name of ['loose.pdf', 'not-a-uuid/file.pdf', '00000000-0000-4000-8000-000000000000/file.pdf']) {
			expect((await failureAs(client, world.organizer, upload, [name, world.organizer.id, 'application/pdf'])).code, name).toBe('42501')
		}
	}))

test('a file and its row are held for managers; made public, everyone reads both; a draft campaign’s stay with its managers', () =>
	withRollback(async (client) => {
		for (const status of ['active', 'draft'] as const) {
			const world = await createCampaignWorld(client, status)
			const stage = await createStage(client, world.campaign.id)
			const name = `${world.campaign.id}/certificate.pdf`
			await queryAs(client, world.organizer, upload, [name, world.organizer.id, 'application/pdf'])
			const { rows } = await queryAs<{ id: string }>(client, world.organizer, addRow, [
				world.campaign.id,
				stage.id,
				name,
				world.organizer.id,
			])
			const seen = async () =>
				byRole(world, async (actor) => {
					const objects = (await rowsVisibleAs(client, actor, read, [name])).length
					const files = (await rowsVisibleAs(client, actor, 'select 1 from public.campaign_stage_files where id = $1', [rows[0]?.id]))
						.length
					return `${objects}${files}`
				})
			expect(await seen()).toEqual({ anon: '00', outsider: '00', member: '00', organizer: '11', otherOrganizer: '00', moderator: '11' })
			const published = await byRole(world, (actor) =>
				rowsChangedAs(client, actor, 'update public.campaign_stage_files set public = true where id = $1', [rows[0]?.id]),
			)
			expect(published).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
			const everyone = status === 'active' ? '11' : '00'
			expect(await seen()).toEqual({
				anon: everyone,
				outsider: everyone,
				member: everyone,
				organizer: '11',
				otherOrganizer: everyone,
				moderator: '11',
			})
		}
	}))

test('managers record and remove rows, only for their own campaign’s stages; only managers remove stored files; nobody replaces one', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const stage = await createStage(client, world.campaign.id)
		const added = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, addRow, [
				world.campaign.id,
				stage.id,
				`${world.campaign.id}/${role}.pdf`,
				role === 'anon' ? null : world[role].id,
			]),
		)
		expect(added).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		// Another campaign's stage is refused, even to a moderator.
		const other = await createCampaignWorld(client)
		const otherStage = await createStage(client, other.campaign.id)
		const crossed = await failureAs(client, world.moderator, addRow, [
			world.campaign.id,
			otherStage.id,
			`${world.campaign.id}/crossed.pdf`,
			world.moderator.id,
		])
		expect(crossed).toMatchObject({ code: '23514', hint: 'campaign_stage_file_stage' })
		const removedRows = await byRole(world, async (actor, role) => {
			const path = `${world.campaign.id}/remove-${role}.pdf`
			await client.query(addRow, [world.campaign.id, stage.id, path, world.organizer.id])
			return rowsChangedAs(client, actor, 'delete from public.campaign_stage_files where storage_path = $1', [path])
		})
		expect(removedRows).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const removedObjects = await byRole(world, async (actor, role) => {
			const name = `${world.campaign.id}/object-${role}.pdf`
			await queryAs(client, world.organizer, upload, [name, world.organizer.id, 'application/pdf'])
			const replaced = await rowsChangedAs(
				client,
				actor,
				`update storage.objects set metadata = jsonb_build_object('mimetype', 'text/html') where bucket_id = 'campaign-files' and name = $1`,
				[name],
			)
			expect(replaced, role).toBe(0)
			return rowsChangedAs(client, actor, `delete from storage.objects where bucket_id = 'campaign-files' and name = $1`, [name])
		})
		expect(removedObjects).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))
