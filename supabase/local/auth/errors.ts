import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export const API_VERSION = '2024-01-01'

/**
 * An error the Auth API reports to the client. Rendered as GoTrue does for
 * API version 2024-01-01 (`code`, `message`), plus the older `error_code`
 * and `msg` so every version of auth-js finds what it looks for.
 */
export class AuthError extends Error {
	override name = 'AuthError'
	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: string,
		message: string,
		readonly extra: Record<string, unknown> = {},
	) {
		super(message)
	}
}

export function badRequest(code: string, message: string) {
	return new AuthError(400, code, message)
}

export function forbidden(code: string, message: string) {
	return new AuthError(403, code, message)
}

export function notFound(code: string, message: string) {
	return new AuthError(404, code, message)
}

export function unprocessable(code: string, message: string) {
	return new AuthError(422, code, message)
}

export function tooManyRequests(code: string, message: string) {
	return new AuthError(429, code, message)
}

export function unexpected(message: string) {
	return new AuthError(500, 'unexpected_failure', message)
}

export function weakPassword(message: string, reasons: string[]) {
	return new AuthError(422, 'weak_password', message, { weak_password: { reasons } })
}

export function emailExists() {
	return unprocessable('email_exists', 'A user with this email address has already been registered')
}

export function validationFailed(message: string) {
	return badRequest('validation_failed', message)
}

export function errorResponse(c: Context, error: unknown) {
	const authError = error instanceof AuthError ? error : unexpected('Unexpected failure, please check server logs for more information')
	if (!(error instanceof AuthError)) console.error('[auth]', error)
	c.header('X-Supabase-Api-Version', API_VERSION)
	c.header('x-sb-error-code', authError.code)
	return c.json(
		{
			code: authError.code,
			error_code: authError.code,
			message: authError.message,
			msg: authError.message,
			...authError.extra,
		},
		authError.status,
	)
}
