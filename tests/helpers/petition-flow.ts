import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { expect } from 'vitest'
import { runPetitionsTick } from '#app/petitions/jobs.server'
import type { SignatureInput } from '#app/petitions/schemas'
import { createChapter, createPetition, createUser, type Chapter, type Petition, type PetitionStatus, type User } from './factories'

// For integration tests that go through the app's own modules, which commit:
// everything here is committed too, with unique names so tests running at
// the same time never meet.

export async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'groundwork-petition-tests' })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

export async function petitionWithOrganizer(
	options: { status?: PetitionStatus; goal?: number; deadline?: Date | null; customMilestones?: number[] } = {},
) {
	return withClient(async (client) => {
		const organizer = await createUser(client, {
			email: `organizer-${randomUUID().slice(0, 8)}@example.org`,
			displayName: 'Olive Organizer',
		})
		const chapter: Chapter = await createChapter(client, { organizer, visibility: 'public' })
		const petition: Petition = await createPetition(client, {
			organizer,
			chapter,
			status: options.status,
			goal: options.goal,
			deadline: options.deadline,
		})
		if (options.customMilestones) {
			await client.query('update public.petitions set custom_milestones = $2 where id = $1', [petition.id, options.customMilestones])
		}
		return { organizer, chapter, petition }
	})
}

export function signatureInput(petition: Petition, overrides: Partial<SignatureInput> = {}): SignatureInput {
	return {
		petitionId: petition.id,
		name: 'Robin Signer',
		email: `signer-${randomUUID().slice(0, 12)}@example.org`,
		country: 'US',
		postalCode: '20175',
		comment: '',
		showName: false,
		wantsUpdates: false,
		website: '',
		formToken: '',
		...overrides,
	}
}

export async function signatureRows(petitionId: string) {
	return withClient(async (client) => {
		const { rows } = await client.query<{
			id: string
			email: string
			email_normalized: string
			status: string
			suspect_reason: string | null
			token: string
			confirmation_sent_at: Date | null
			processed_at: Date | null
			county_fips: string | null
			state_abbreviation: string | null
			country_code: string
			postal_code: string
		}>(
			`select s.id, s.email, s.email_normalized, s.status::text, s.suspect_reason, s.token, s.confirmation_sent_at, s.processed_at,
				c.fips_code as county_fips, st.abbreviation as state_abbreviation, s.country_code, s.postal_code
			from public.signatures s
			left join public.jurisdictions c on c.id = s.county_id
			left join public.jurisdictions st on st.id = s.state_id
			where s.petition_id = $1 order by s.id`,
			[petitionId],
		)
		return rows
	})
}

/** The public count, after the job has looked at new signatures and folded the count events (by us or another worker). */
export async function settledCount(petitionId: string, expected: number) {
	await expect
		.poll(
			async () => {
				await runPetitionsTick()
				return withClient(async (client) => {
					const { rows } = await client.query<{ confirmed: number }>(
						'select confirmed from public.petition_counts where petition_id = $1',
						[petitionId],
					)
					return rows[0]?.confirmed
				})
			},
			{ timeout: 15_000, interval: 200 },
		)
		.toBe(expected)
}

/** Runs the job until every signature on the petition has been looked at. */
export async function processAll(petitionId: string) {
	await expect
		.poll(
			async () => {
				await runPetitionsTick()
				return (await signatureRows(petitionId)).filter((row) => row.processed_at === null).length
			},
			{ timeout: 15_000, interval: 200 },
		)
		.toBe(0)
}

export type { User }
