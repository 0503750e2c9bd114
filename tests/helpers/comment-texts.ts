import { createHash } from 'node:crypto'
import type pg from 'pg'

// Many comments for one drive, for the near-duplicate test and benchmark:
// personal ones (a line of the template, then sentences of the writer's own
// built from a seeded generator, so each run makes the same texts) and
// near-copies of the template with a word changed.

export const DRIVE_TEMPLATE =
	'I oppose the rezoning of the Mill Road parcels for a data center. The county has not studied the water the cooling ' +
	'would use, the noise of the backup generators, or what the new transmission lines would cost ratepayers. Please deny it.'

const PLACES = [
	'Mill Road',
	'Route 9',
	'Cedar Lane',
	'the school',
	'Goose Creek',
	'our farm',
	'the church',
	'Oak Hill',
	'the library',
	'Bluemont',
]
const THINGS = ['well', 'creek', 'bedroom window', 'pasture', 'garden', 'septic field', 'roof', 'kitchen', 'barn', 'driveway']
const VERBS = ['floods', 'shakes', 'dries up', 'hums', 'glows', 'cracked', 'went quiet', 'smells of diesel', 'lost value', 'got louder']
const PEOPLE = [
	'my daughter',
	'my father',
	'our neighbor',
	'the bus driver',
	'my son',
	'my wife',
	'our tenant',
	'the vet',
	'my mother',
	'the pastor',
]

function generator(seed: number) {
	let state = seed
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648
		return state / 2147483648
	}
}

function pick<T>(items: readonly T[], random: () => number): T {
	return items[Math.floor(random() * items.length)] as T
}

/** One writer's own comment: number `i` always gives the same text. */
export function personalComment(i: number) {
	const random = generator(i * 7919 + 17)
	const sentences = Array.from(
		{ length: 3 + Math.floor(random() * 3) },
		() =>
			`${pick(PEOPLE, random)} lives ${Math.floor(random() * 900) + 50} feet from ${pick(PLACES, random)}, and the ${pick(THINGS, random)} ${pick(VERBS, random)} since ${1990 + Math.floor(random() * 35)}.`,
	)
	// A fingerprint per writer, as names, dates and details make every real comment its own.
	const detail = createHash('sha1').update(String(i)).digest('hex').slice(0, 10)
	return `I live near ${pick(PLACES, random)} (lot ${detail}). ${sentences.join(' ')} Please deny the rezoning.`
}

/** The template with one word changed: the form letter a body would set aside. */
export function nearCopy(i: number) {
	return DRIVE_TEMPLATE.replace('Please deny it.', `Please deny it. ${pick(PEOPLE, generator(i))} agrees.`)
}

/** Inserts comments straight into the table, confirmed, in batches. */
export async function insertComments(client: Pick<pg.ClientBase, 'query'>, driveId: string, bodies: string[], tag: string) {
	for (let start = 0; start < bodies.length; start += 1000) {
		const batch = bodies.slice(start, start + 1000)
		await client.query(
			`insert into public.comments (drive_id, name, email, email_normalized, body, status, token_hash, confirmed_at, confirmed_email)
			select $1, 'Resident ' || n, $3 || '-' || n || '@example.org', $3 || '-' || n || '@example.org', body, 'confirmed',
				sha256(convert_to($3 || n, 'UTF8')), now(), $3 || '-' || n || '@example.org'
			from unnest($2::text[]) with ordinality as b(body, n)`,
			[driveId, batch, `${tag}-${start}`],
		)
	}
}
