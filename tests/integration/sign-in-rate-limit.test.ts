import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import { action } from '#app/routes/_auth+/signin'
import { newAccount } from '#tests/helpers/accounts'

function signIn(email: string, ip: string, password = 'not the password') {
	const body = new URLSearchParams({ email, password })
	const request = new Request('http://127.0.0.1:3100/signin', {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://127.0.0.1:3100', Host: '127.0.0.1:3100' },
		body,
	})
	return action({ request, params: {}, context: { clientIp: ip } })
}

function messageOf(result: Awaited<ReturnType<typeof action>>) {
	if (!('data' in result)) throw new Error('expected the form back with an error, got a redirect')
	return JSON.stringify(result.data)
}

test('after ten wrong passwords for one email, further attempts are refused for a while', async () => {
	const email = `limit-${randomUUID().slice(0, 8)}@example.org`
	for (let attempt = 1; attempt <= 10; attempt++) {
		expect(messageOf(await signIn(email, `198.51.100.${attempt}`))).toContain('do not match an account')
	}
	const refused = messageOf(await signIn(email, '198.51.100.99'))
	expect(refused).toContain('Too many sign-in attempts. Wait 15 minutes')
})

test('one address trying many accounts is slowed down too', async () => {
	const ip = `203.0.113.${Math.floor(Math.random() * 200) + 1}`
	for (let attempt = 1; attempt <= 50; attempt++) await signIn(`spray-${attempt}-${randomUUID().slice(0, 6)}@example.org`, ip)
	expect(messageOf(await signIn(`spray-last-${randomUUID().slice(0, 6)}@example.org`, ip))).toContain('Too many sign-in attempts')
})

test('signing in with the right password clears the account’s count: only wrong guesses add up', async () => {
	const account = await newAccount('often')
	// Nine wrong guesses, then the right password, many times over: a volunteer on a phone, a laptop and a library computer.
	for (let round = 1; round <= 3; round++) {
		for (let attempt = 1; attempt <= 9; attempt++) await signIn(account.email, `198.51.101.${round * 10 + attempt}`)
		const right = await signIn(account.email, `198.51.101.${round * 10}`, account.password)
		expect('data' in right, `round ${round}: the right password is let in`).toBe(false)
	}
	for (let attempt = 1; attempt <= 12; attempt++) {
		const right = await signIn(account.email, `198.51.101.${100 + attempt}`, account.password)
		expect('data' in right, `sign-in ${attempt} with the right password`).toBe(false)
	}
})
