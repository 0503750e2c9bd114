import { randomBytes } from 'node:crypto'
import { expect, test } from 'vitest'
import { pool } from '#app/db/db.server'
import { providerTurns } from '#app/email/email.server'

// Resend limits API calls per team (issue 14, goal 4: the drain stays within
// the provider's limits). Every call the worker makes waits for a turn,
// counted in the database, so two worker processes share the one limit.

test('at most `rate` calls a second to the provider, shared by every process on the database, none refused', async () => {
	const rate = 4
	// Shaped like every other counter's key (form-rate-limits checks them all), and removed after.
	const key = randomBytes(32).toString('base64url')
	// Two processes' turn-takers (each worker builds its own) on the same counter.
	const [first, second] = [providerTurns(rate, key), providerTurns(rate, key)]
	const started = performance.now()
	const at: number[] = []
	await Promise.all(
		Array.from({ length: 12 }, async (_, n) => {
			await (n % 2 === 0 ? first : second)()
			at.push(performance.now() - started)
		}),
	)
	expect(at).toHaveLength(12)
	// Twelve calls at four a second: four, then four a second later, then the last four.
	expect(at.filter((ms) => ms < 1000).length).toBeLessThanOrEqual(rate)
	expect(at.filter((ms) => ms < 2000).length).toBeLessThanOrEqual(2 * rate)
	expect(Math.max(...at)).toBeGreaterThanOrEqual(1900)
	await pool().query('delete from private.rate_limits where key = $1', [`email_provider:${key}`])
}, 30_000)
